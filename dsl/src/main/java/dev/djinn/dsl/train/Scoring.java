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

    /** {mean loss, accuracy} over all of {@code data}. */
    public static double[] lossAndAccuracy(Network network, LabeledData data) {
        Predictions predictions = predict(network, data);
        return new double[] {predictions.meanLoss(), predictions.accuracy()};
    }

    /** The predicted class and the true label of every example, and the mean loss. */
    public static Predictions predict(Network network, LabeledData data) {
        int size = data.size();
        int[] predicted = new int[size];
        int[] actual = new int[size];
        double lossSum = 0;
        try (NDManager manager = network.manager().newSubManager()) {
            NDArray features = data.features(manager);
            NDArray labels = data.labels(manager);
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
