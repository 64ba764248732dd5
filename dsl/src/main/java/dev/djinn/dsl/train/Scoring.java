package dev.djinn.dsl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.djinn.dsl.data.LabeledData;
import dev.djinn.dsl.model.Network;

/** Runs a network in inference mode over data in batches: predictions, mean loss, accuracy. */
public final class Scoring {
    private static final int BATCH = 1000;

    private Scoring() {
    }

    /** The predicted class and the true label of every example, and the mean loss. */
    public static Predictions predict(Network network, LabeledData data) {
        try (NDManager manager = network.manager().newSubManager()) {
            return predict(network, data.features(manager), data.labels(manager));
        }
    }

    /** The same for data already in tensors: {@code features} (N, example shape…) and int64 {@code labels} (N). */
    public static Predictions predict(Network network, NDArray features, NDArray labels) {
        int size = (int) labels.size();
        int[] predicted = new int[size];
        int[] actual = new int[size];
        double lossSum = 0;
        try (NDManager manager = network.manager().newSubManager()) {
            for (int start = 0; start < size; start += BATCH) {
                int end = Math.min(size, start + BATCH);
                try (NDManager batchManager = manager.newSubManager()) {
                    NDArray xb = features.get(new NDIndex().addSliceDim(start, end));
                    NDArray yb = labels.get(new NDIndex().addSliceDim(start, end));
                    xb.attach(batchManager);
                    yb.attach(batchManager);
                    NDArray logits = network.trainer().evaluate(new NDList(xb)).singletonOrThrow();
                    lossSum += network.loss().evaluate(new NDList(yb), new NDList(logits)).getFloat() * (end - start);
                    long[] classes = logits.argMax(1).toLongArray();
                    long[] truth = yb.toLongArray();
                    for (int i = 0; i < classes.length; i++) {
                        predicted[start + i] = (int) classes[i];
                        actual[start + i] = (int) truth[i];
                    }
                }
            }
        }
        return new Predictions(predicted, actual, lossSum / size);
    }

    /** What a network predicted for labelled data. */
    public record Predictions(int[] predicted, int[] actual, double meanLoss) {
        public double accuracy() {
            int correct = 0;
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == actual[i]) {
                    correct++;
                }
            }
            return (double) correct / predicted.length;
        }
    }
}
