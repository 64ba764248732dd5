package dev.djinn.kernel.eval;

/**
 * What a cell evaluated to. {@code hasValue} is true when its last snippet is an expression with a value;
 * {@code value} is then the real object (null for a null value), {@code text} is JShell's string of it.
 */
public record CellResult(boolean hasValue, Object value, String text) {
    public static final CellResult NO_VALUE = new CellResult(false, null, "");
}
