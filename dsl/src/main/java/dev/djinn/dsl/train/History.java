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

    /** Appends an epoch (for histories read back from a saved model). */
    public void add(EpochRecord record) {
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

    /** The metric names measured, in order ("accuracy", "top5", …). */
    public List<String> metricNames() {
        return epochs.isEmpty() ? List.of() : List.copyOf(epochs.get(0).metrics().keySet());
    }

    /** The values of one quantity per epoch: "loss", "val_loss", a metric name, or "val_" + a metric name. */
    public double[] series(String name) {
        return epochs.stream().mapToDouble(r -> {
            switch (name) {
                case "loss": return r.loss();
                case "val_loss": return r.validationLoss();
                case "lr": return r.learningRate();
                default: return name.startsWith("val_") ? r.validationMetric(name.substring(4)) : r.metric(name);
            }
        }).toArray();
    }

    private static int width(String column) {
        return Math.max(9, column.length());
    }

    @Override
    public String toString() {
        List<String> metrics = metricNames();
        boolean validation = epochs.stream().anyMatch(EpochRecord::hasValidation);
        StringBuilder header = new StringBuilder(String.format("%5s %9s", "epoch", "loss"));
        metrics.forEach(m -> header.append(String.format(" %" + width(m) + "s", m)));
        if (validation) {
            header.append(String.format(" %9s", "val_loss"));
            metrics.forEach(m -> header.append(String.format(" %" + width("val_" + m) + "s", "val_" + m)));
        }
        header.append(String.format(" %10s %8s %10s%n", "lr", "seconds", "samples/s"));
        StringBuilder text = new StringBuilder(header);
        for (EpochRecord r : epochs) {
            text.append(String.format("%5d %9.4f", r.epoch(), r.loss()));
            metrics.forEach(m -> text.append(String.format(" %" + width(m) + ".4f", r.metric(m))));
            if (validation) {
                text.append(String.format(" %9.4f", r.validationLoss()));
                metrics.forEach(m -> text.append(String.format(" %" + width("val_" + m) + ".4f", r.validationMetric(m))));
            }
            text.append(String.format(" %10.3g %8.1f %10.0f%n", r.learningRate(), r.seconds(), r.samplesPerSecond()));
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
