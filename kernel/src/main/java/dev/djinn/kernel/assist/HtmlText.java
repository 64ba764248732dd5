package dev.djinn.kernel.assist;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML of a javadoc comment as Markdown (for front ends that render it) or as clean plain text wrapped for a
 * terminal or a tooltip: paragraphs, lists, code blocks and definition lists kept, every tag and entity gone.
 */
public final class HtmlText {
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>|<!--.*?-->", Pattern.DOTALL);
    private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|[a-zA-Z]+);");
    private static final int WIDTH = 72; // with the 4-space indent, within a tooltip's 80 columns

    private final boolean markdown;
    private final StringBuilder out = new StringBuilder();
    private final Deque<int[]> lists = new ArrayDeque<>(); // {ordered ? next number : -1}
    private boolean inPre;
    private boolean inCode;
    private boolean firstCell;

    private HtmlText(boolean markdown) {
        this.markdown = markdown;
    }

    public static String markdown(String html) {
        return new HtmlText(true).convert(html);
    }

    /** Plain text, paragraphs wrapped at {@value #WIDTH} columns. */
    public static String plain(String html) {
        return wrap(new HtmlText(false).convert(html));
    }

    private String convert(String html) {
        Matcher tag = TAG.matcher(html);
        int at = 0;
        while (tag.find()) {
            text(html.substring(at, tag.start()));
            if (tag.group(2) != null) {
                element(tag.group(2).toLowerCase(Locale.ROOT), !tag.group(1).isEmpty());
            }
            at = tag.end();
        }
        text(html.substring(at));
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    private void element(String name, boolean closing) {
        switch (name) {
            case "p", "div", "blockquote", "table", "dl", "h1", "h2", "h3", "h4", "h5", "h6" -> {
                paragraph();
                if (markdown && !closing && name.startsWith("h")) {
                    out.append("**");
                } else if (markdown && closing && name.startsWith("h")) {
                    out.append("**");
                    paragraph();
                }
            }
            case "br" -> out.append('\n');
            case "pre" -> {
                paragraph();
                inPre = !closing;
                if (markdown) {
                    out.append(closing ? "```" : "```java\n");
                    if (closing) {
                        paragraph();
                    }
                }
            }
            case "code", "tt", "var", "samp", "kbd" -> {
                inCode = !closing;
                if (markdown && !inPre) {
                    out.append('`');
                }
            }
            case "b", "strong" -> {
                if (markdown) {
                    out.append("**");
                }
            }
            case "i", "em", "cite", "dfn" -> {
                if (markdown) {
                    out.append('*');
                }
            }
            case "ul", "ol" -> {
                if (closing) {
                    lists.poll();
                    paragraph();
                } else {
                    line();
                    lists.push(new int[] {name.equals("ol") ? 1 : -1});
                }
            }
            case "li" -> {
                if (!closing) {
                    line();
                    int[] list = lists.isEmpty() ? new int[] {-1} : lists.peek();
                    out.append("  ".repeat(Math.max(0, lists.size() - 1)));
                    out.append(list[0] < 0 ? "- " : (list[0]++) + ". ");
                }
            }
            case "dt" -> {
                if (!closing) {
                    if (markdown) {
                        paragraph(); // else Markdown reads the title as part of the list above it
                        out.append("**");
                    } else {
                        line();
                    }
                } else if (markdown) {
                    out.append("**");
                }
            }
            case "dd" -> {
                if (!closing) {
                    line();
                    out.append(markdown ? "- " : "  ");
                }
            }
            case "tr" -> {
                if (!closing) {
                    line();
                    firstCell = true;
                }
            }
            case "td", "th" -> {
                if (!closing) {
                    out.append(firstCell ? "" : " | ");
                    firstCell = false;
                }
            }
            default -> {
                // a, span, sup, … carry no layout: their text stays, the tag goes
            }
        }
    }

    private void text(String raw) {
        if (raw.isEmpty()) {
            return;
        }
        String text = decode(raw);
        if (inPre) {
            out.append(text);
            return;
        }
        text = text.replaceAll("\\s+", " ");
        if (endsWithNewline() || out.length() == 0) {
            text = text.stripLeading();
        }
        if (markdown && !inCode) {
            text = text.replaceAll("([*_\\\\])", "\\\\$1");
        }
        out.append(text);
    }

    private boolean endsWithNewline() {
        return out.length() > 0 && (out.charAt(out.length() - 1) == '\n' || out.toString().endsWith("- "));
    }

    private void line() {
        trimTrailingSpaces();
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private void paragraph() {
        line();
        if (out.length() > 0 && !out.toString().endsWith("\n\n")) {
            out.append('\n');
        }
    }

    private void trimTrailingSpaces() {
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
    }

    static String decode(String text) {
        Matcher entity = ENTITY.matcher(text);
        StringBuilder decoded = new StringBuilder();
        while (entity.find()) {
            String name = entity.group(1);
            String replacement = switch (name) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                case "mdash" -> "—";
                case "ndash" -> "–";
                case "hellip" -> "…";
                default -> name.startsWith("#") ? codePoint(name) : entity.group();
            };
            entity.appendReplacement(decoded, Matcher.quoteReplacement(replacement));
        }
        entity.appendTail(decoded);
        return decoded.toString();
    }

    private static String codePoint(String numeric) {
        try {
            int value = numeric.startsWith("#x") || numeric.startsWith("#X")
                    ? Integer.parseInt(numeric.substring(2), 16) : Integer.parseInt(numeric.substring(1));
            return Character.toString(value);
        } catch (IllegalArgumentException e) {
            return "&" + numeric + ";";
        }
    }

    /** Wraps long lines at word boundaries, keeping each line's indent (and a list marker's hanging indent). */
    private static String wrap(String text) {
        StringBuilder wrapped = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (wrapped.length() > 0) {
                wrapped.append('\n');
            }
            if (line.length() <= WIDTH) {
                wrapped.append(line);
                continue;
            }
            Matcher lead = Pattern.compile("^(\\s*(?:- |\\d+\\. )?)").matcher(line);
            lead.find();
            String hanging = " ".repeat(lead.group(1).length());
            int column = 0;
            boolean first = true;
            for (String word : line.substring(lead.group(1).length()).split(" ")) {
                if (first) {
                    wrapped.append(lead.group(1)).append(word);
                    column = lead.group(1).length() + word.length();
                    first = false;
                } else if (column + 1 + word.length() > WIDTH) {
                    wrapped.append('\n').append(hanging).append(word);
                    column = hanging.length() + word.length();
                } else {
                    wrapped.append(' ').append(word);
                    column += 1 + word.length();
                }
            }
        }
        return wrapped.toString();
    }
}
