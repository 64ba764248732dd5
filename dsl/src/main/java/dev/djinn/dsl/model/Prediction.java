package dev.djinn.dsl.model;

import dev.djinn.dsl.data.ClassNames;

import java.util.List;

/** A classifier's answer for one example: the class (index and name) and its probability. */
public record Prediction(int label, String className, double probability) {
    /** The most likely class of one example's probabilities (the first of equals), named by {@code classNames}. */
    public static Prediction best(float[] probabilities, List<String> classNames) {
        int label = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[label]) {
                label = i;
            }
        }
        return new Prediction(label, ClassNames.of(classNames, label), probabilities[label]);
    }

    @Override
    public String toString() {
        return String.format("%s (%.1f%%)", className, probability * 100);
    }
}
