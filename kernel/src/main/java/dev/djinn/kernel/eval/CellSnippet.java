package dev.djinn.kernel.eval;

/**
 * One JShell snippet of a cell: its source as JShell will compile it (a trailing semicolon may have been added)
 * and where it starts in the cell, so diagnostics and stack frames can point at cell lines.
 */
public record CellSnippet(String source, int offset) {
}
