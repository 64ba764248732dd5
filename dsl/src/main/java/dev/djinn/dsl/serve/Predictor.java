package dev.djinn.dsl.serve;

import ai.djl.ndarray.types.Shape;
import dev.djinn.dsl.data.InputEncoding;
import dev.djinn.dsl.train.LossFunction;

import java.util.List;
import java.util.Map;

/**
 * What the server needs of a model: its input, its answers and how to describe it. {@code Model} implements it, so
 * the server depends on this and not on the model's classes.
 */
public interface Predictor {
    /** How raw inputs become features (a table's columns, image pixels, none). */
    InputEncoding encoding();

    /** The shape of one example. */
    Shape exampleShape();

    /** Class probabilities (classifiers) or outputs (regression) for rows of numbers. */
    float[][] predict(float[][] rows);

    /** The same for texts, tokenized as the training texts were. */
    float[][] predict(List<String> texts);

    /** The same for rows given as column name → value, encoded as the training table was. */
    float[][] predictRecords(List<Map<String, Object>> records);

    LossFunction lossFunction();

    /** Class names by label; empty for regression. */
    List<String> classNames();

    /** Inputs by name with the shape of one example of each, for a model with several; empty otherwise. */
    default Map<String, Shape> namedInputs() {
        return Map.of();
    }

    /** The layers, output shapes and parameter counts, as text. */
    String describe();
}
