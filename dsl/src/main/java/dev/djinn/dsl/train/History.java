package dev.djinn.dsl.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What {@code train(...)} did, epoch by epoch; its text form is a table. */
public final class History {
    private final List<EpochRecord> epochs = new ArrayList<>();
    private String interruption;
    private String earlyStop;
    private String validatedOn = "";
    private String notice = "";

    /** Names the data the validation columns were measured on. */
    public void validatedOn(String what) {
        validatedOn = what == null ? "" : what;
    }

    /** What the val_ columns were measured on ("10% of the training data held out (seed 42, 6000 examples)"), or empty. */
    public String validatedOn() {
        return validatedOn;
    }

    /** Keeps what training said once about the data (texts cut at maxLength). */
    public void notice(String text) {
        notice = text == null ? "" : text;
    }

    /** "12 of 2,500 texts were longer than 64 tokens and were cut …", or empty. */
    public String notice() {
        return notice;
    }

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

    /** The values of one quantity per epoch: "loss", "val_loss", "lr", a metric name, or "val_" + a metric name. */
    public double[] series(String name) {
        return epochs.stream().mapToDouble(r -> value(r, name)).toArray();
    }

    /**
     * The columns of the per-epoch table, as its text form and the notebook's HTML show it: epoch, loss, each metric,
     * val_loss and the val_ metrics when there was validation, lr, seconds, samples/s.
     */
    public List<String> columns() {
        List<String> metrics = metricNames();
        List<String> columns = new ArrayList<>(List.of("epoch", "loss"));
        columns.addAll(metrics);
        if (epochs.stream().anyMatch(EpochRecord::hasValidation)) {
            columns.add("val_loss");
            metrics.forEach(m -> columns.add("val_" + m));
        }
        columns.addAll(List.of("lr", "seconds", "samples/s"));
        return columns;
    }

    /** One epoch's value in a column of {@link #columns()} (or any name {@link #series} takes). */
    public static double value(EpochRecord r, String column) {
        switch (column) {
            case "epoch": return r.epoch();
            case "loss": return r.loss();
            case "val_loss": return r.validationLoss();
            case "lr": return r.learningRate();
            case "seconds": return r.seconds();
            case "samples/s": return r.samplesPerSecond();
            default: return column.startsWith("val_") ? r.validationMetric(column.substring(4)) : r.metric(column);
        }
    }

    private static String text(String column, double value) {
        switch (column) {
            case "epoch": return String.valueOf((int) value);
            case "lr": return String.format("%.3g", value);
            case "seconds": return String.format("%.1f", value);
            case "samples/s": return String.format("%.0f", value);
            default: return String.format("%.4f", value);
        }
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
        List<String> headers = columns();
        List<List<String>> rows = new ArrayList<>();
        for (EpochRecord r : epochs) {
            List<String> row = new ArrayList<>();
            headers.forEach(column -> row.add(text(column, value(r, column))));
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
        if (!validatedOn.isEmpty()) {
            text.append("val_ columns: measured on ").append(validatedOn).append('\n');
        }
        if (!notice.isEmpty()) {
            text.append(notice).append('\n');
        }
        return text.toString();
    }
}
