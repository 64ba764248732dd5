package dev.djinn.dsl.train;

/** The loss became NaN or infinite; the weights are those of the last finite step. */
public final class TrainingDivergedException extends RuntimeException {
    private final History history;

    public TrainingDivergedException(int epoch, int batch, double loss, double learningRate, History history) {
        super("The loss became " + loss + " at epoch " + epoch + ", batch " + batch + "; training stopped and the weights "
                + "are those of the last finite step. Try a lower learning rate (now " + (float) learningRate + "), "
                + "for example " + (float) (learningRate / 10) + ", or clipGradient(1.0).");
        this.history = history;
    }

    /** The epochs completed before the loss diverged. */
    public History history() {
        return history;
    }
}
