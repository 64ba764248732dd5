package dev.djinn.dsl.train;

import java.util.Map;

/** Where training is within an epoch: for progress bars. Metrics are running means over the epoch so far. */
public record BatchProgress(int epoch, int epochs, int samplesDone, int samplesTotal, double runningLoss,
                            Map<String, Double> runningMetrics, double samplesPerSecond) {
    /** Seconds left in this epoch at the current speed. */
    public double etaSeconds() {
        return samplesPerSecond > 0 ? (samplesTotal - samplesDone) / samplesPerSecond : Double.NaN;
    }

    /** The running accuracy, NaN when accuracy is not measured. */
    public double runningAccuracy() {
        return runningMetrics.getOrDefault("accuracy", Double.NaN);
    }

    /** "loss 0.4321  accuracy 0.8765": the running loss and metrics. */
    public String lossAndMetrics() {
        return MetricText.of("", runningLoss, runningMetrics);
    }
}
