package dev.djinn.dsl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.djinn.dsl.train.LossFunction;
import dev.djinn.dsl.train.ScoredNetwork;

import java.util.Arrays;
import java.util.List;

/**
 * Running a trained network on new examples: class probabilities for classifiers (softmax, or sigmoid for a
 * binary one), the outputs themselves for regression. Thread-safe without a lock: every call has its own arrays and
 * the network's forward pass only reads the weights. Scoring ({@code evaluate}) runs through it too.
 */
final class Inference implements ScoredNetwork {
    private final BuiltNetwork network;
    private final LossFunction loss;
    private final List<String> classNames;

    Inference(BuiltNetwork network, LossFunction loss, List<String> classNames) {
        this.network = network;
        this.loss = loss;
        this.classNames = classNames;
    }

    /** Probabilities (classifiers) or outputs (regression) for examples given as flattened rows. */
    float[][] predict(float[][] examples) {
        long size = network.exampleShape().size();
        for (int i = 0; i < examples.length; i++) {
            if (examples[i].length != size) {
                throw new ShapeMismatchException("predict: example " + i + " has " + examples[i].length
                        + " values but this model takes examples of shape " + network.exampleShape() + " (" + size + " values).");
            }
        }
        float[] flat = new float[(int) (examples.length * size)];
        for (int i = 0; i < examples.length; i++) {
            System.arraycopy(examples[i], 0, flat, (int) (i * size), (int) size);
        }
        return predictFlat(flat, examples.length);
    }

    /** The same for {@code count} examples one after the other in {@code flat}. */
    float[][] predictFlat(float[] flat, int count) {
        try (NDManager manager = network.manager().newSubManager()) {
            NDArray input = manager.create(flat, new Shape(count).addAll(network.exampleShape()));
            NDArray result = run(input);
            long width = result.getShape().size() / Math.max(1, count);
            float[] values = result.toFloatArray();
            float[][] rows = new float[count][];
            for (int i = 0; i < count; i++) {
                rows[i] = Arrays.copyOfRange(values, (int) (i * width), (int) ((i + 1) * width));
            }
            return rows;
        }
    }

    /** For a batch (N, example shape…) or one example; the result belongs to the input's manager. */
    NDArray predict(NDArray examples) {
        NDArray batch = examples.getShape().equals(network.exampleShape()) ? examples.expandDims(0) : examples;
        if (!batch.getShape().slice(1).equals(network.exampleShape())) {
            throw new ShapeMismatchException("predict: got an array of shape " + examples.getShape()
                    + " but this model takes examples of shape " + network.exampleShape() + " (or batches of them).");
        }
        return run(batch.toType(DataType.FLOAT32, false));
    }

    private NDArray run(NDArray batch) {
        return loss.probabilities(forward(batch));
    }

    /** The raw output (logits, values), without the trainer. */
    @Override
    public NDArray forward(NDArray batch) {
        return network.forward(batch);
    }

    @Override
    public LossFunction loss() {
        return loss;
    }

    @Override
    public NDManager manager() {
        return network.manager();
    }

    /** The most likely class, by name, from a row of probabilities. */
    Prediction best(float[] probabilities) {
        if (!loss.classifies()) {
            throw new IllegalStateException("classify: this model predicts numbers (its loss is " + loss
                    + "), not classes: use predict(…).");
        }
        return Prediction.best(probabilities, classNames);
    }
}
