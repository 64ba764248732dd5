package dev.djinn.kernel.eval;

/** The user interrupted the cell; variables defined before it are kept. */
public final class CellInterruptedException extends RuntimeException {
    public CellInterruptedException() {
        super("The cell was interrupted; variables defined before it are kept.");
    }
}
