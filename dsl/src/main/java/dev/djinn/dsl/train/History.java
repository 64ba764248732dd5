package dev.djinn.dsl.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What {@code train(...)} did, epoch by epoch; its text form is a table. */
public final class History {
    private final List<EpochRecord> epochs = new ArrayList<>();
    private String interruption;
    private String earlyStop;

    void stoppedEarly(int bestEpoch, int patience) {
        earlyStop = "stopped early: no improvement for " + patience + " epochs; weights restored from epoch " + bestEpoch;
    }

    /** "stopped early: …", or empty. */
    public String earlyStop() {
        return earlyStop == null ? "" : earlyStop;
    }

    void add(EpochRecord record) {
        epochs.add(record);
    }

    void interrupted(int epoch, int batch) {
        interruption = "interrupted at epoch " + epoch + ", batch " + batch;
    }

    public List<EpochRecord> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The last epoch's record. */
    public EpochRecord last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("This History has no epochs: training stopped before the first one ended.");
        }
        return epochs.get(epochs.size() - 1);
    }

    public boolean isInterrupted() {
        return interruption != null;
    }

    /** "interrupted at epoch e, batch b", or empty. */
    public String interruption() {
        return interruption == null ? "" : interruption;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format("%5s %9s %9s %9s %9s %8s %10s%n",
                "epoch", "loss", "accuracy", "val_loss", "val_acc", "seconds", "samples/s"));
        for (EpochRecord r : epochs) {
            text.append(String.format("%5d %9.4f %9.4f %9s %9s %8.1f %10.0f%n", r.epoch(), r.loss(), r.accuracy(),
                    r.hasValidation() ? String.format("%.4f", r.validationLoss()) : "-",
                    r.hasValidation() ? String.format("%.4f", r.validationAccuracy()) : "-", r.seconds(), r.samplesPerSecond()));
        }
        if (isInterrupted()) {
            text.append(interruption).append('\n');
        }
        if (earlyStop != null) {
            text.append(earlyStop).append('\n');
        }
        return text.toString();
    }
}
