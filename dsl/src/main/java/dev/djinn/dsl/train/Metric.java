package dev.djinn.dsl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * A number reported each epoch besides the loss: the mean over examples of a per-example score. Made by
 * {@code accuracy()}, {@code topK(k)} and {@code mae()} in {@code Djinn}.
 */
public abstract class Metric {
    private final String name;

    private Metric(String name) {
        this.name = name;
    }

    /** The column name in History and progress lines: "accuracy", "top5", "mae". */
    public String name() {
        return name;
    }

    /** The sum over the batch of the per-example score. */
    public abstract double batchSum(NDArray output, NDArray labels, LossFunction loss);

    /** Whether this metric reads class labels (rather than numeric targets). */
    abstract boolean forClassifiers();

    /** Checks the metric fits the loss before training starts. */
    public void check(LossFunction loss, int classes) {
        if (forClassifiers() != loss.classifies()) {
            throw new IllegalArgumentException("metric " + name + " is for " + (forClassifiers() ? "classifiers" : "regression")
                    + " but the loss is " + loss + (forClassifiers() ? ": use mae() for regression." : ": use accuracy() or topK(k)."));
        }
    }

    /** The share of examples whose predicted class is the label. */
    /** The metric a saved model names by its {@link #toString()}: "accuracy", "top5", "mae". */
    public static Metric parse(String name) {
        if (name.equals("accuracy")) {
            return accuracy();
        }
        if (name.equals("mae")) {
            return mae();
        }
        if (name.matches("top[1-9][0-9]*")) {
            return topK(Integer.parseInt(name.substring(3)));
        }
        throw new IllegalArgumentException("unknown metric \"" + name + "\"");
    }

    public static Metric accuracy() {
        return new Metric("accuracy") {
            @Override
            public double batchSum(NDArray output, NDArray labels, LossFunction loss) {
                return loss.predictedClasses(output).eq(LossFunction.classIndices(labels)).countNonzero().getLong();
            }

            @Override
            boolean forClassifiers() {
                return true;
            }
        };
    }

    /** The share of examples whose label is among the {@code k} highest-scored classes. */
    public static Metric topK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("topK(" + k + "): k is at least 1, such as 5.");
        }
        return new Metric("top" + k) {
            @Override
            public double batchSum(NDArray output, NDArray labels, LossFunction loss) {
                return rankOfLabel(output, labels).lt(k).countNonzero().getLong();
            }

            @Override
            boolean forClassifiers() {
                return true;
            }

            @Override
            public void check(LossFunction loss, int classes) {
                super.check(loss, classes);
                if (loss.kind() != LossFunction.Kind.CROSS_ENTROPY) {
                    throw new IllegalArgumentException("topK(" + k + ") ranks the scores of many classes: it needs crossEntropy(), not " + loss + ".");
                }
            }
        };
    }

    /** Mean absolute error between outputs and targets. */
    public static Metric mae() {
        return new Metric("mae") {
            @Override
            public double batchSum(NDArray output, NDArray labels, LossFunction loss) {
                NDArray targets = labels.toType(DataType.FLOAT32, false).reshape(output.getShape());
                long width = output.getShape().dimension() > 1 ? output.getShape().size() / output.getShape().get(0) : 1;
                return output.sub(targets).abs().sum().getFloat() / width;
            }

            @Override
            boolean forClassifiers() {
                return false;
            }
        };
    }

    /** For each example, how many classes scored above its label's class (0: the label is the top guess). */
    public static NDArray rankOfLabel(NDArray logits, NDArray labels) {
        NDArray labelScore = logits.mul(labels.toType(DataType.INT64, false).oneHot((int) logits.getShape().get(1), DataType.FLOAT32))
                .sum(new int[] {1}, true);
        return logits.gt(labelScore).sum(new int[] {1});
    }

    @Override
    public String toString() {
        return name;
    }
}
