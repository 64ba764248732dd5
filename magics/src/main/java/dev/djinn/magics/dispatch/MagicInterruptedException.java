package dev.djinn.magics.dispatch;

/** A magic stopped by an interrupt (the kernel's, or Ctrl-C reaching what it ran): the cell ends as interrupted. */
public final class MagicInterruptedException extends RuntimeException {
    public MagicInterruptedException(String message) {
        super(message);
    }
}
