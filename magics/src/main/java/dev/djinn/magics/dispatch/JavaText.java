package dev.djinn.magics.dispatch;

/** A light look at Java source without parsing it: what is code, and what is inside literals and comments. */
public final class JavaText {
    private JavaText() {
    }

    /**
     * {@code source} with the insides of string, character and text-block literals and all of every comment turned
     * into spaces (line breaks and the literals' quotes kept): brackets and semicolons left are the code's own.
     */
    public static String codeOnly(String source) {
        char[] out = source.toCharArray();
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            boolean lineComment = c == '/' && source.startsWith("//", i);
            boolean blockComment = c == '/' && source.startsWith("/*", i);
            if (c == '"' || c == '\'') {
                int close = closingQuote(source, i);
                blank(out, i + (source.startsWith("\"\"\"", i) ? 3 : 1), Math.min(close, source.length()));
                i = close;
            } else if (lineComment || blockComment) {
                int end = lineComment ? source.indexOf('\n', i) : source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : lineComment ? end : end + 2;
                blank(out, i, end);
                i = end - 1;
            }
        }
        return new String(out);
    }

    /** The index of the quote that closes the literal opening at {@code open} (a text block's last quote). */
    private static int closingQuote(String source, int open) {
        if (source.startsWith("\"\"\"", open)) {
            int end = source.indexOf("\"\"\"", open + 3);
            return end < 0 ? source.length() : end + 2;
        }
        char quote = source.charAt(open);
        for (int i = open + 1; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote || c == '\n') {
                return i;
            }
        }
        return source.length();
    }

    private static void blank(char[] text, int from, int to) {
        for (int i = from; i < to && i < text.length; i++) {
            if (text[i] != '\n') {
                text[i] = ' ';
            }
        }
    }
}
