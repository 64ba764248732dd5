package dev.djinn.dsl.model;

/** A model file that cannot be read: missing, truncated, or not a Djinn model. The message names the file. */
public final class ModelFileException extends RuntimeException {
    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
