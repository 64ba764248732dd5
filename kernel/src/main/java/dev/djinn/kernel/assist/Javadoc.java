package dev.djinn.kernel.assist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A javadoc comment as JShell hands it over (raw: {@code {@code x}}, {@code {@link A#b}}, HTML, {@code @param}
 * lines) turned into HTML: inline tags become markup, block tags a definition list. {@link HtmlText} makes Markdown
 * and clean plain text of it, so tooltips, the pager and terminals never show raw tags.
 */
public final class Javadoc {
    private static final Pattern BLOCK_TAG = Pattern.compile("(?m)^\\s*@([a-zA-Z]+)\\b");
    private static final Map<String, String> SECTION_TITLES = new LinkedHashMap<>();

    static {
        SECTION_TITLES.put("param", "Parameters");
        SECTION_TITLES.put("return", "Returns");
        SECTION_TITLES.put("throws", "Throws");
        SECTION_TITLES.put("exception", "Throws");
        SECTION_TITLES.put("deprecated", "Deprecated");
        SECTION_TITLES.put("apiNote", "API Note");
        SECTION_TITLES.put("implSpec", "Implementation Requirements");
        SECTION_TITLES.put("implNote", "Implementation Note");
        SECTION_TITLES.put("see", "See Also");
        SECTION_TITLES.put("since", "Since");
    }

    private Javadoc() {
    }

    /** The comment as HTML: its description, then its block tags grouped under titles (author and serial tags left out). */
    public static String toHtml(String javadoc) {
        if (javadoc == null || javadoc.isBlank()) {
            return "";
        }
        Matcher tags = BLOCK_TAG.matcher(javadoc);
        int descriptionEnd = javadoc.length();
        List<String[]> blocks = new ArrayList<>(); // {tag, text}
        int lastStart = -1;
        String lastTag = null;
        while (tags.find()) {
            if (lastTag == null) {
                descriptionEnd = tags.start();
            } else {
                blocks.add(new String[] {lastTag, javadoc.substring(lastStart, tags.start())});
            }
            lastTag = tags.group(1);
            lastStart = tags.end();
        }
        if (lastTag != null) {
            blocks.add(new String[] {lastTag, javadoc.substring(lastStart)});
        }
        StringBuilder html = new StringBuilder(inline(javadoc.substring(0, descriptionEnd)).strip());
        Map<String, List<String>> sections = new LinkedHashMap<>();
        for (String[] block : blocks) {
            String title = SECTION_TITLES.get(block[0]);
            if (title != null) {
                sections.computeIfAbsent(title, t -> new ArrayList<>()).add(blockItem(block[0], block[1].strip()));
            }
        }
        if (!sections.isEmpty()) {
            html.append("\n<dl>");
            sections.forEach((title, items) -> {
                html.append("\n<dt>").append(title).append(":</dt>");
                items.forEach(item -> html.append("\n<dd style=\"margin-left:1.5em\">").append(item).append("</dd>"));
            });
            html.append("\n</dl>");
        }
        return html.toString();
    }

    private static String blockItem(String tag, String text) {
        switch (tag) {
            case "param", "throws", "exception" -> {
                String[] nameAndText = text.split("\\s+", 2);
                String name = tag.equals("param") ? nameAndText[0] : reference(nameAndText[0]);
                return "<code>" + escape(name) + "</code>" + (nameAndText.length > 1 ? " - " + inline(nameAndText[1]).strip() : "");
            }
            case "see" -> {
                return text.startsWith("<") || text.startsWith("\"") ? inline(text) : "<code>" + escape(reference(text)) + "</code>";
            }
            default -> {
                return inline(text).strip();
            }
        }
    }

    /** Replaces inline tags ({@code {@code …}}, {@code {@link …}}, …) with HTML; braces inside them may nest. */
    static String inline(String text) {
        StringBuilder html = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{@", i);
            if (open < 0) {
                html.append(text, i, text.length());
                break;
            }
            html.append(text, i, open);
            int close = matchingBrace(text, open);
            if (close < 0) {
                html.append(text, open, text.length());
                break;
            }
            String body = text.substring(open + 2, close);
            String[] tagAndArgument = body.split("\\s+", 2);
            html.append(inlineTag(tagAndArgument[0], tagAndArgument.length > 1 ? tagAndArgument[1].strip() : ""));
            i = close + 1;
        }
        return html.toString();
    }

    private static String inlineTag(String tag, String argument) {
        switch (tag) {
            case "code", "systemProperty" -> {
                return "<code>" + escape(argument) + "</code>";
            }
            case "literal" -> {
                return escape(argument);
            }
            case "link", "linkplain", "value" -> {
                String[] refAndLabel = argument.split("\\s+", 2);
                String label = refAndLabel.length > 1 ? inline(refAndLabel[1].strip()) : escape(reference(refAndLabel[0]));
                return tag.equals("linkplain") ? label : "<code>" + label + "</code>";
            }
            case "inheritDoc", "docRoot" -> {
                return "";
            }
            case "index" -> {
                return escape(argument.split("\\s+", 2)[0].replace("\"", ""));
            }
            default -> {
                return inline(argument);
            }
        }
    }

    /** {@code java.util.Locale#getDefault(java.util.Locale.Category)} → {@code Locale.getDefault(Locale.Category)}. */
    static String reference(String ref) {
        String shortened = ref.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+(?=[A-Z])", "");
        if (shortened.startsWith("#")) {
            return shortened.substring(1);
        }
        return shortened.replace('#', '.');
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
