package dev.djinn.kernel.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CellTextTest {
    private final CellText text = new CellText("first\n  second\r\nthird");

    @Test
    void offsetsBecomeOneBasedLinesAndColumns() {
        assertEquals(1, text.lineOf(0));
        assertEquals(1, text.columnOf(0));
        assertEquals(2, text.lineOf(8));
        assertEquals(3, text.columnOf(8));
        assertEquals(3, text.lineOf(text.text().length()));
    }

    @Test
    void linesComeBackWithoutLineBreaks() {
        assertEquals("  second", text.line(2));
        assertEquals("third", text.line(3));
        assertEquals("", text.line(9));
    }
}
