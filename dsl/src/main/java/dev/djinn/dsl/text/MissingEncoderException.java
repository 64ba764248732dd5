package dev.djinn.dsl.text;

/** A saved model's frozen encoder file is not where the model says, or is another file. */
public final class MissingEncoderException extends IllegalStateException {
    public MissingEncoderException(String message) {
        super(message);
    }
}
