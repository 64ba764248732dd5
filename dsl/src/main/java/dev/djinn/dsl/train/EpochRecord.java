package dev.djinn.dsl.train;

import java.util.Map;

/**
 * One epoch of a History: mean training loss and metrics over its batches, validation loss and metrics (NaN and
 * empty without validation data), the learning rate at its last step, wall time and throughput.
 */
public record EpochRecord(int epoch, double loss, Map<String, Double> metrics, double validationLoss,
                          Map<String, Double> validationMetrics, double learningRate, double seconds, double samplesPerSecond) {
    public EpochRecord {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        validationMetrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(validationMetrics));
    }

    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }

    /** A training metric by name ("accuracy", "top5", "mae"), NaN when it was not measured. */
    public double metric(String name) {
        return metrics.getOrDefault(name, Double.NaN);
    }

    /** A validation metric by name, NaN when it was not measured. */
    public double validationMetric(String name) {
        return validationMetrics.getOrDefault(name, Double.NaN);
    }

    public double accuracy() {
        return metric("accuracy");
    }

    public double validationAccuracy() {
        return validationMetric("accuracy");
    }

    /** "epoch 3: loss 0.4408  accuracy 0.8473  val_loss 0.4627  val_accuracy 0.8345  lr 0.001  0.6 s  21230 samples/s". */
    @Override
    public String toString() {
        String validation = hasValidation() ? "  " + MetricText.of("val_", validationLoss, validationMetrics) : "";
        return String.format("epoch %d: %s%s  lr %.3g  %.1f s  %.0f samples/s", epoch, MetricText.of("", loss, metrics), validation,
                learningRate, seconds, samplesPerSecond);
    }

    /** The loss early stopping and best-only checkpoints watch: validation loss, or training loss without validation. */
    public double monitoredLoss() {
        return hasValidation() ? validationLoss : loss;
    }
}
