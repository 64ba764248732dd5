package dev.djinn.kernel.eval;

/** Thrown in place of a JVM exit requested by cell code; the kernel reports it and keeps running. */
public final class CellExitException extends RuntimeException {
    public CellExitException(String call) {
        super(call + " was called in a cell: the kernel keeps running and your variables are kept. "
                + "To start afresh, restart the kernel (Kernel > Restart in Jupyter).");
    }
}
