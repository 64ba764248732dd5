package dev.djinn.dsl.data;

/** An IDX file that is not one: wrong magic number, impossible dimensions, or fewer bytes than its header promises. */
public final class IdxFormatException extends RuntimeException {
    public IdxFormatException(String message) {
        super(message);
    }
}
