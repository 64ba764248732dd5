package dev.djinn.dsl.model;

/** A layer cannot take the shape the layer before it produces; the message names both and the fix. */
public final class ShapeMismatchException extends IllegalArgumentException {
    public ShapeMismatchException(String message) {
        super(message);
    }
}
