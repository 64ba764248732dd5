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

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            line.append(c == 0 ? "" : " ").append(" ".repeat(widths[c] - cells.get(c).length())).append(cells.get(c));
        }
        return line.append('\n').toString();
    }

    @Override
    public String toString() {
        List<String> metrics = metricNames();
        boolean validation = epochs.stream().anyMatch(EpochRecord::hasValidation);
        List<String> headers = new ArrayList<>(List.of("epoch", "loss"));
        headers.addAll(metrics);
        if (validation) {
            headers.add("val_loss");
            metrics.forEach(m -> headers.add("val_" + m));
        }
        headers.addAll(List.of("lr", "seconds", "samples/s"));
        List<List<String>> rows = new ArrayList<>();
        for (EpochRecord r : epochs) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(r.epoch()), String.format("%.4f", r.loss())));
            metrics.forEach(m -> row.add(String.format("%.4f", r.metric(m))));
            if (validation) {
                row.add(String.format("%.4f", r.validationLoss()));
                metrics.forEach(m -> row.add(String.format("%.4f", r.validationMetric(m))));
            }
            row.add(String.format("%.3g", r.learningRate()));
            row.add(String.format("%.1f", r.seconds()));
            row.add(String.format("%.0f", r.samplesPerSecond()));
            rows.add(row);
        }
        // each column as wide as its widest cell, so large regression losses keep the table aligned
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(c == 0 ? 5 : 9, headers.get(c).length());
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder(line(headers, widths));
        rows.forEach(row -> text.append(line(row, widths)));
        if (isInterrupted()) {
            text.append(interruption).append('\n');
        }
        if (earlyStop != null) {
            text.append(earlyStop).append('\n');
        }
        return text.toString();
    }
}
