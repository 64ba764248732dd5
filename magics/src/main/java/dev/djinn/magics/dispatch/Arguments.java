package dev.djinn.magics.dispatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Magic arguments: words split as a shell splits them, and {@code --name value} / {@code --flag} options. */
public final class Arguments {
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();

    private Arguments() {
    }

    /** Splits on spaces; single or double quotes keep spaces inside a word. */
    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new MagicException("An opening " + quote + " has no closing one.");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * A count given to an option ({@code -n 5}, {@code -l 3}): a whole number of at least 1, else a sentence naming
     * the option and what it was given.
     */
    public static int count(String text, String option) {
        if (text.matches("[1-9]\\d{0,9}")) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException tooLarge) {
                // over 2^31 - 1: the sentence below
            }
        }
        throw new MagicException(option + " takes a whole number of at least 1, not " + text + ".");
    }

    /**
     * Parses {@code text}; {@code valued} names the options that take a value ({@code --kind line}); any other
     * {@code --name} is a flag. An option not in {@code known} is an error naming the known ones.
     */
    public static Arguments parse(String text, List<String> valued, List<String> flags) {
        Arguments arguments = new Arguments();
        List<String> words = split(text);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.startsWith("--") && word.length() > 2) {
                String name = word.substring(2);
                String inline = null;
                if (name.contains("=")) {
                    inline = name.substring(name.indexOf('=') + 1);
                    name = name.substring(0, name.indexOf('='));
                }
                if (valued.contains(name)) {
                    if (inline == null) {
                        if (i + 1 >= words.size()) {
                            throw new MagicException("--" + name + " needs a value.");
                        }
                        inline = words.get(++i);
                    }
                    arguments.options.put(name, inline);
                } else if (flags.contains(name)) {
                    arguments.options.put(name, "true");
                } else {
                    List<String> known = new ArrayList<>();
                    valued.forEach(v -> known.add("--" + v));
                    flags.forEach(f -> known.add("--" + f));
                    throw new MagicException("Unknown option --" + name + (known.isEmpty() ? "." : "; the options are " + String.join(", ", known) + "."));
                }
            } else {
                arguments.positional.add(word);
            }
        }
        return arguments;
    }

    public List<String> positional() {
        return positional;
    }

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }
}
