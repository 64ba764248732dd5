package dev.djinn.kernel.eval;

import java.util.List;

/** A cell did not compile; nothing after the failing snippet ran. */
public final class CellCompileException extends RuntimeException {
    private final List<CompileDiagnostic> diagnostics;

    public CellCompileException(List<CompileDiagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "the cell does not compile" : diagnostics.get(0).message());
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<CompileDiagnostic> diagnostics() {
        return diagnostics;
    }
}
