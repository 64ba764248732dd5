package dev.djinn.dsl.train;

/** Where training is within an epoch: for progress bars. */
public record BatchProgress(int epoch, int epochs, int samplesDone, int samplesTotal, double runningLoss,
                            double runningAccuracy, double samplesPerSecond) {
    /** Seconds left in this epoch at the current speed. */
    public double etaSeconds() {
        return samplesPerSecond > 0 ? (samplesTotal - samplesDone) / samplesPerSecond : Double.NaN;
    }
}
