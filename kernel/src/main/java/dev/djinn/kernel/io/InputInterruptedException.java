package dev.djinn.kernel.io;

/** The cell was interrupted while it waited for the user's input. */
public final class InputInterruptedException extends RuntimeException {
    public InputInterruptedException() {
        super("interrupted while waiting for input");
    }
}
