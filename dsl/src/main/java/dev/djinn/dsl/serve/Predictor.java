package dev.djinn.dsl.serve;

import ai.djl.ndarray.types.Shape;
import dev.djinn.dsl.data.InputEncoding;
import dev.djinn.dsl.train.LossFunction;

import java.util.List;
import java.util.Map;

/**
 * What the server needs of a model: how raw inputs become rows of numbers, the forward pass over rows, and how to
 * describe it. A model hands one out ({@code Model.predictor()}), so the server depends on this and not on the
 * model's classes. Every method may be called from several threads at once.
 */
public interface Predictor {
    /** How raw inputs become features (a table's columns, image pixels, tokens, none). */
    InputEncoding encoding();

    /** The shape of one example. */
    Shape exampleShape();

    /**
     * Class probabilities (classifiers) or outputs (regression) for {@code count} examples laid one after the
     * other in {@code rows}: one forward pass, no lock.
     */
    float[][] predictRows(float[] rows, int count);

    /** Texts as rows, tokenized as the training texts were. */
    float[] encodeTexts(List<String> texts);

    /** Examples given as column name → value, as rows encoded as the training table was. */
    float[] encodeRecords(List<Map<String, Object>> records);

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
