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

    /** The loss early stopping and best-only checkpoints watch: validation loss, or training loss without validation. */
    public double monitoredLoss() {
        return hasValidation() ? validationLoss : loss;
    }
}
