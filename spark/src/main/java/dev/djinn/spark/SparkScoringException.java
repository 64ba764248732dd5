package dev.djinn.spark;

/** Scoring cannot go on: a sentence that says what was wrong and what to do, never a stack trace from inside Spark. */
public final class SparkScoringException extends RuntimeException {
    public SparkScoringException(String message) {
        super(message);
    }

    public SparkScoringException(String message, Throwable cause) {
        super(message, cause);
    }
}
