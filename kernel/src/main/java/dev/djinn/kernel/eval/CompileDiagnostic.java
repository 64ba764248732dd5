package dev.djinn.kernel.eval;

/** A compile error placed in the cell: 1-based line and column, the offending line and how many characters to mark. */
public record CompileDiagnostic(int line, int column, int length, String message, String sourceLine) {
}
