package dev.djinn.magics.dispatch;

/** A magic used wrongly: the sentence says what was wrong, and the usage line follows it. */
public final class MagicException extends RuntimeException {
    public MagicException(String message) {
        super(message);
    }

    public MagicException(String message, Throwable cause) {
        super(message, cause);
    }
}
