package dev.djinn.kernel.eval;

import jdk.jshell.EvalException;

/** Cell code threw; carries JShell's copy of the user's exception and where its snippets came from. */
public final class CellRuntimeException extends RuntimeException {
    private final EvalException thrown;
    private final SnippetOrigins origins;

    public CellRuntimeException(EvalException thrown, SnippetOrigins origins) {
        super(thrown.getMessage());
        this.thrown = thrown;
        this.origins = origins;
    }

    public EvalException thrown() {
        return thrown;
    }

    public SnippetOrigins origins() {
        return origins;
    }
}
