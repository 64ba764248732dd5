package dev.djinn.dsl.train;

/**
 * One epoch of a History: mean training loss and accuracy over its batches, validation loss and accuracy (NaN
 * without validation data), wall time and throughput.
 */
public record EpochRecord(int epoch, double loss, double accuracy, double validationLoss, double validationAccuracy,
                          double seconds, double samplesPerSecond) {
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }

    /** The loss early stopping and best-only checkpoints watch: validation loss, or training loss without validation. */
    public double monitoredLoss() {
        return hasValidation() ? validationLoss : loss;
    }
}
