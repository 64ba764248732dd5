package dev.djinn.dsl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.djinn.dsl.data.LabeledData;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs a network in inference mode over data in batches: mean loss, metrics, and what it predicted. */
public final class Scoring {
    private static final int BATCH = 1000;

    private Scoring() {
    }

    /** Sees each batch's output next to its targets. */
    private interface BatchVisitor {
        void visit(int start, NDArray output, NDArray targets);
    }

    /** Mean loss and metrics over data already in tensors (validation after each epoch). */
    public static Scores score(ScoredNetwork network, NDArray features, NDArray labels, List<Metric> metrics) {
        double[] sums = new double[metrics.size()];
        double loss = forEachBatch(network, features, labels, (start, output, targets) -> {
            for (int m = 0; m < metrics.size(); m++) {
                sums[m] += metrics.get(m).batchSum(output, targets, network.loss());
            }
        });
        return new Scores(loss, TrainingLoop.means(metrics, sums, (int) labels.getShape().get(0)));
    }

    /** Every example's prediction and target, and the mean loss: what an Evaluation is made from. */
    public static Predictions predict(ScoredNetwork network, LabeledData data) {
        int size = data.size();
        LossFunction lossFunction = network.loss();
        try (NDManager manager = network.manager().newSubManager()) {
            NDArray features = data.features(manager);
            NDArray labels = data.labels(manager);
            if (lossFunction.classifies()) {
                int[] predicted = new int[size];
                int[] actual = new int[size];
                int[] ranks = new int[size];
                double loss = forEachBatch(network, features, labels, (start, output, targets) -> {
                    long[] classes = lossFunction.predictedClasses(output).toLongArray();
                    long[] truth = targets.toType(DataType.INT64, false).toLongArray();
                    long[] rank = lossFunction.kind() == LossFunction.Kind.CROSS_ENTROPY
                            ? Metric.rankOfLabel(output, targets).toType(DataType.INT64, false).toLongArray() : null;
                    for (int i = 0; i < classes.length; i++) {
                        predicted[start + i] = (int) classes[i];
                        actual[start + i] = (int) truth[i];
                        ranks[start + i] = rank != null ? (int) rank[i] : classes[i] == truth[i] ? 0 : 1;
                    }
                });
                return new Predictions(predicted, actual, ranks, null, null, 0, loss);
            }
            int width = (int) data.targetWidth();
            float[] outputs = new float[size * width];
            float[] targetValues = labels.toFloatArray();
            double loss = forEachBatch(network, features, labels, (start, output, targets) ->
                    System.arraycopy(output.toFloatArray(), 0, outputs, start * width, (int) output.size()));
            return new Predictions(null, null, null, outputs, targetValues, width, loss);
        }
    }

    /**
     * Class probabilities (classifiers) or outputs (regression) for every example of {@code data}, in its order: what
     * {@code predict(data)} returns, one row per example.
     */
    public static float[][] outputs(ScoredNetwork network, LabeledData data) {
        float[][] rows = new float[data.size()][];
        try (NDManager manager = network.manager().newSubManager()) {
            forEachBatch(network, data.features(manager), null, (start, output, targets) -> {
                NDArray shown = network.loss().probabilities(output);
                int count = (int) shown.getShape().get(0);
                int width = (int) (shown.size() / Math.max(1, count));
                float[] values = shown.toFloatArray();
                for (int i = 0; i < count; i++) {
                    rows[start + i] = Arrays.copyOfRange(values, i * width, (i + 1) * width);
                }
            });
        }
        return rows;
    }

    /** Runs every batch through the network in inference mode; returns the mean loss (NaN without labels). */
    private static double forEachBatch(ScoredNetwork network, NDArray features, NDArray labels, BatchVisitor visitor) {
        int size = (int) features.getShape().get(0);
        double lossSum = 0;
        try (NDManager manager = network.manager().newSubManager()) {
            for (int start = 0; start < size; start += BATCH) {
                int end = Math.min(size, start + BATCH);
                try (NDManager batchManager = manager.newSubManager()) {
                    NDArray xb = features.get(new NDIndex().addSliceDim(start, end));
                    xb.attach(batchManager);
                    NDArray yb = null;
                    if (labels != null) {
                        yb = labels.get(new NDIndex().addSliceDim(start, end));
                        yb.attach(batchManager);
                    }
                    NDArray output = network.forward(xb);
                    if (yb != null) {
                        lossSum += network.loss().evaluate(yb, output).getFloat() * (end - start);
                    }
                    visitor.visit(start, output, yb);
                }
            }
        }
        return labels == null ? Double.NaN : lossSum / size;
    }

    /** Mean loss and metrics. */
    public record Scores(double meanLoss, Map<String, Double> metrics) {
    }

    /**
     * What a network predicted for labelled data: classes, true labels and the rank of each true label among the
     * scores (classifiers), or outputs and targets, {@code width} values per example (regression).
     */
    public record Predictions(int[] predicted, int[] actual, int[] labelRanks, float[] outputs, float[] targets, int width,
                              double meanLoss) {
    }
}
