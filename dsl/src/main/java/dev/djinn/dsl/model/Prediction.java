package dev.djinn.dsl.model;

/** A classifier's answer for one example: the class (index and name) and its probability. */
public record Prediction(int label, String className, double probability) {
    @Override
    public String toString() {
        return String.format("%s (%.1f%%)", className, probability * 100);
    }
}
