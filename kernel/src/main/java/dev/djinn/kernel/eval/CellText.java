package dev.djinn.kernel.eval;

/** A cell's source with the offset → line/column arithmetic the error reports need. Lines and columns count from 1. */
public final class CellText {
    private final String text;

    public CellText(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    public int columnOf(int offset) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, Math.min(offset, text.length()) - 1)) + 1;
        return offset - lineStart + 1;
    }

    /** The text of a 1-based line, without its line break. */
    public String line(int line) {
        String[] lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1].replace("\r", "") : "";
    }
}
