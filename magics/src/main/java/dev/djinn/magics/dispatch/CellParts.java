package dev.djinn.magics.dispatch;

import java.util.ArrayList;
import java.util.List;

/**
 * A cell split into what runs in order: Java code and magics. A cell whose first line starts with {@code %%} is one
 * cell magic over the rest; otherwise every line starting with {@code %} is a line magic between pieces of code.
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
        return cell.lines().anyMatch(line -> line.stripLeading().startsWith("%"));
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
            if (line.stripLeading().startsWith("%")) {
                if (!code.toString().isBlank()) {
                    parts.add(new Part(code.toString(), null));
                }
                code.setLength(0);
                parts.add(new Part(null, call(line.stripLeading().substring(1), null)));
            } else {
                code.append(line).append('\n');
            }
        }
        if (!code.toString().isBlank()) {
            parts.add(new Part(code.toString(), null));
        }
        return parts;
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
