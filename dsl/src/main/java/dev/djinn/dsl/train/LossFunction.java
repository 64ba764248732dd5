package dev.djinn.dsl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import com.google.gson.JsonObject;
import dev.djinn.dsl.tensor.Scalars;

import java.util.Arrays;

/**
 * What training minimises, and so what the model's outputs mean: class logits ({@code crossEntropy()}), one logit
 * per example for two classes ({@code binaryCrossEntropy()}), or values ({@code mse()}, {@code l1()},
 * {@code huber()}). Made by the static methods of {@code Djinn}. Every loss is the mean over the batch.
 */
public final class LossFunction {
    /** The losses Djinn offers. */
    public enum Kind { CROSS_ENTROPY, BINARY_CROSS_ENTROPY, MSE, L1, HUBER }

    private final Kind kind;
    private final float delta;

    private LossFunction(Kind kind, float delta) {
        this.kind = kind;
        this.delta = delta;
    }

    public static LossFunction of(Kind kind) {
        return new LossFunction(kind, 1f);
    }

    /** Huber loss: squared below {@code delta}, linear above it (robust to outliers). */
    public static LossFunction huber(double delta) {
        if (!(delta > 0)) {
            throw new IllegalArgumentException("huber(" + delta + "): delta must be positive, such as 1.0.");
        }
        return new LossFunction(Kind.HUBER, (float) delta);
    }

    /** The loss picked from the data: class labels get cross-entropy, numeric targets mean squared error. */
    public static LossFunction defaultFor(boolean classLabels) {
        return of(classLabels ? Kind.CROSS_ENTROPY : Kind.MSE);
    }

    /** Parses {@link #toString()} back (as a saved model records it). */
    public static LossFunction parse(String text) {
        for (Kind kind : Kind.values()) {
            if (text.equals(of(kind).toString())) {
                return of(kind);
            }
        }
        if (text.startsWith("huber(") && text.endsWith(")")) {
            return huber(Double.parseDouble(text.substring(6, text.length() - 1)));
        }
        throw new IllegalArgumentException("Unknown loss \"" + text + "\".");
    }

    public Kind kind() {
        return kind;
    }

    /** {@code {"kind": "huber", "delta": 1.0}}. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("kind", kind.name().toLowerCase());
        if (kind == Kind.HUBER) {
            json.addProperty("delta", delta);
        }
        return json;
    }

    /** Reads {@link #toJson()} back. */
    public static LossFunction fromJson(JsonObject json) {
        String name = json.has("kind") ? json.get("kind").getAsString() : "";
        for (Kind kind : Kind.values()) {
            if (kind.name().toLowerCase().equals(name)) {
                return kind == Kind.HUBER ? huber(json.has("delta") ? json.get("delta").getAsDouble() : 1.0) : of(kind);
            }
        }
        throw new IllegalArgumentException("unknown loss " + json + "; Djinn's losses are " + Arrays.toString(Kind.values()).toLowerCase());
    }

    /** Whether the model's outputs are class scores (cross-entropy, binary cross-entropy). */
    public boolean classifies() {
        return kind == Kind.CROSS_ENTROPY || kind == Kind.BINARY_CROSS_ENTROPY;
    }

    /** The mean loss of a batch: {@code labels} as the data gives them, {@code output} as the model gives it. */
    public NDArray evaluate(NDArray labels, NDArray output) {
        switch (kind) {
            case CROSS_ENTROPY: {
                // each example's log-probability of its class, taken with one gather: DJL's SoftmaxCrossEntropyLoss
                // picks it through its general indexer, 25-55 µs more per batch of 64 (forward and backward), same values
                Shape scores = output.getShape();
                NDArray classes = classIndices(labels).reshape(scores.slice(0, scores.dimension() - 1).add(1));
                return output.logSoftmax(-1).gather(classes, -1).neg().mean();
            }
            case BINARY_CROSS_ENTROPY: {
                // from logits, in the stable form max(x, 0) - x·y + log(1 + e^-|x|)
                NDArray y = targetsLike(labels, output);
                return Scalars.maximum(output, 0f).sub(output.mul(y)).add(output.abs().neg().exp().add(1).log()).mean();
            }
            case MSE:
                return output.sub(targetsLike(labels, output)).square().mean();
            case L1:
                return output.sub(targetsLike(labels, output)).abs().mean();
            default: {
                NDArray error = output.sub(targetsLike(labels, output)).abs();
                NDArray quadratic = Scalars.mul(error.square(), 0.5f);
                NDArray linear = Scalars.mul(error.sub(0.5f * delta), delta);
                return NDArrays.where(error.lte(delta), quadratic, linear).mean();
            }
        }
    }

    /** The labels as class indices: int64, one per example (or per step of a sequence), in one dimension. */
    static NDArray classIndices(NDArray labels) {
        return labels.getDataType() == DataType.INT64 && labels.getShape().dimension() == 1
                ? labels : labels.toType(DataType.INT64, false).reshape(-1);
    }

    private static NDArray targetsLike(NDArray labels, NDArray output) {
        NDArray y = labels.getDataType() == DataType.FLOAT32 ? labels : labels.toType(DataType.FLOAT32, false);
        return y.reshape(output.getShape());
    }

    /** The predicted class of each example (int64), for classifiers. */
    public NDArray predictedClasses(NDArray output) {
        if (kind == Kind.BINARY_CROSS_ENTROPY) {
            return output.reshape(-1).gt(0).toType(DataType.INT64, false);
        }
        return output.argMax(1);
    }

    /**
     * Class probabilities (N, classes) for classifiers: softmax of the logits, or (1 - p, p) for a binary
     * classifier's single logit; the outputs themselves for regression.
     */
    public NDArray probabilities(NDArray output) {
        switch (kind) {
            case CROSS_ENTROPY:
                return output.softmax(-1);
            case BINARY_CROSS_ENTROPY: {
                NDArray p = Activation.sigmoid(output.reshape(-1, 1));
                return p.neg().add(1).concat(p, 1);
            }
            default:
                return output;
        }
    }

    /**
     * Checks, before training, that this loss fits the data and the model's output width; the sentence says what
     * to change.
     */
    public void check(boolean classLabels, int classes, long targetWidth, long outputWidth) {
        String name = toString();
        if (classifies() && !classLabels) {
            throw new IllegalArgumentException(name + " needs class labels (whole numbers 0, 1, …) but the data has numeric "
                    + "targets: use mse(), l1() or huber() for regression, or give int labels.");
        }
        if (!classifies() && classLabels) {
            throw new IllegalArgumentException(name + " is a regression loss but the data has class labels: use crossEntropy() "
                    + "(or binaryCrossEntropy() for two classes), or give float targets.");
        }
        if (kind == Kind.CROSS_ENTROPY && outputWidth < classes) {
            throw new IllegalArgumentException("The model ends in " + outputWidth + " outputs but the data has " + classes
                    + " classes: end the model with dense(" + classes + "). If the labels are numbers to predict rather than "
                    + "classes, give them as decimals (float targets, or a table's regression()).");
        }
        if (kind == Kind.BINARY_CROSS_ENTROPY) {
            if (classes > 2) {
                throw new IllegalArgumentException("binaryCrossEntropy() is for two classes (0 and 1) but the data has "
                        + classes + ": use crossEntropy() with dense(" + classes + ") at the end.");
            }
            if (outputWidth != 1) {
                throw new IllegalArgumentException("binaryCrossEntropy() takes one logit per example but the model ends in "
                        + outputWidth + " outputs: end the model with dense(1).");
            }
        }
        if (!classifies() && outputWidth != targetWidth) {
            throw new IllegalArgumentException("The model ends in " + outputWidth + " outputs but each target has "
                    + targetWidth + " value" + (targetWidth == 1 ? "" : "s") + ": end the model with dense(" + targetWidth + ")."
                    + (targetWidth == 1 ? " If the targets are classes, give them as whole numbers (int labels, or a table's "
                    + "classification())." : ""));
        }
    }

    @Override
    public String toString() {
        switch (kind) {
            case CROSS_ENTROPY: return "crossEntropy()";
            case BINARY_CROSS_ENTROPY: return "binaryCrossEntropy()";
            case MSE: return "mse()";
            case L1: return "l1()";
            default: return delta == 1f ? "huber()" : "huber(" + delta + ")";
        }
    }
}
