package dev.djinn.magics.dispatch;

import java.util.ArrayList;
import java.util.List;

/**
 * A cell split into what runs in order: Java code and magics. A cell whose first line starts with {@code %%} is one
 * cell magic over the rest; otherwise every line starting with {@code %} is a line magic between pieces of code, and
 * a line starting with {@code !} where a statement may start (IPython's shell escape) is {@code %system}: where Java
 * code is still open, {@code !done)} is the code's own negation.
 */
public final class CellParts {
    /** Java code, or a magic call (exactly one of the two is set). */
    public record Part(String code, MagicCall magic) {
        public boolean isMagic() {
            return magic != null;
        }

        /** How the part reads in its cell, in one line: {@code %load b}, or code's first line. */
        public String text() {
            if (isMagic()) {
                return (magic.isCellMagic() ? "%%" : "%") + magic.name() + (magic.args().isEmpty() ? "" : " " + magic.args());
            }
            String first = code.strip().lines().findFirst().orElse("");
            return code.strip().contains("\n") ? first + " …" : first;
        }
    }

    private CellParts() {
    }

    /** Whether the cell uses magics at all (cells without are plain Java, run as they are). */
    public static boolean hasMagics(String cell) {
        if (cell.lines().anyMatch(line -> line.stripLeading().startsWith("%"))) {
            return true;
        }
        return cell.lines().anyMatch(CellParts::looksLikeShell) && split(cell).stream().anyMatch(Part::isMagic);
    }

    public static List<Part> split(String cell) {
        List<Part> parts = new ArrayList<>();
        String stripped = cell.stripLeading();
        if (stripped.startsWith("%%")) {
            int end = stripped.indexOf('\n');
            String first = end < 0 ? stripped : stripped.substring(0, end);
            String body = end < 0 ? "" : stripped.substring(end + 1);
            parts.add(new Part(null, call(first.substring(2), body)));
            return parts;
        }
        StringBuilder code = new StringBuilder();
        for (String line : cell.split("\n", -1)) {
            boolean magic = line.stripLeading().startsWith("%");
            boolean shell = isShellLine(line, code);
            if (magic || shell) {
                if (!code.toString().isBlank()) {
                    parts.add(new Part(code.toString(), null));
                }
                code.setLength(0);
                String text = line.stripLeading().substring(1);
                parts.add(new Part(null, shell ? new MagicCall("system", text.strip(), null) : call(text, null)));
            } else {
                code.append(line).append('\n');
            }
        }
        if (!code.toString().isBlank()) {
            parts.add(new Part(code.toString(), null));
        }
        return parts;
    }

    /** The cell's Java: its magic and shell lines left empty (what a completeness check reads). */
    public static String withoutMagicLines(String cell) {
        StringBuilder java = new StringBuilder();
        StringBuilder code = new StringBuilder(); // since the last magic, as split() sees it
        for (String line : cell.split("\n", -1)) {
            if (line.stripLeading().startsWith("%") || isShellLine(line, code)) {
                code.setLength(0);
                java.append('\n');
            } else {
                code.append(line).append('\n');
                java.append(line).append('\n');
            }
        }
        return java.toString();
    }

    private static boolean isShellLine(String line, CharSequence codeBefore) {
        return looksLikeShell(line) && statementMayStart(codeBefore);
    }

    /** {@code !command}, not {@code !=}. */
    private static boolean looksLikeShell(String line) {
        String text = line.stripLeading();
        return text.length() > 1 && text.charAt(0) == '!' && text.charAt(1) != '=';
    }

    /**
     * Whether the code so far leaves off where a statement may start: nothing yet, or a last line ending in
     * {@code ;} or {@code }} with every parenthesis closed.
     */
    private static boolean statementMayStart(CharSequence code) {
        String text = JavaText.codeOnly(code.toString()).strip();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
        }
        return text.isEmpty() || depth == 0 && (text.endsWith(";") || text.endsWith("}"));
    }

    private static MagicCall call(String text, String body) {
        String trimmed = text.strip();
        int space = 0;
        while (space < trimmed.length() && !Character.isWhitespace(trimmed.charAt(space))) {
            space++;
        }
        String name = trimmed.substring(0, space);
        if (name.isEmpty()) {
            throw new MagicException("A magic needs a name after %: %lsmagic lists them.");
        }
        return new MagicCall(name, trimmed.substring(space).strip(), body);
    }
}
