package dev.djinn.magics.plot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.djinn.dsl.train.History;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;

/** Builds the charts {@code %plot} and {@code plot(…)} draw: a History, a table's columns, arrays and tensors. */
public final class Charts {
    public static final int WIDTH = 560;
    public static final int HEIGHT = 380;

    /** How table columns are drawn. */
    public enum Kind { LINE, SCATTER, BAR, HIST }

    private Charts() {
    }

    /** Loss and each metric per epoch, train and validation, one panel per quantity. */
    public static Chart history(History history, String title) {
        if (history.epochs().isEmpty()) {
            throw new IllegalArgumentException("This History has no epochs to plot: training stopped before the first epoch ended.");
        }
        double[] epochs = history.epochs().stream().mapToDouble(r -> r.epoch()).toArray();
        List<String> quantities = new ArrayList<>();
        quantities.add("loss");
        quantities.addAll(history.metricNames());
        List<Panel> panels = new ArrayList<>();
        for (String quantity : quantities) {
            List<Panel.Series> series = new ArrayList<>();
            series.add(new Panel.Series("train", epochs, history.series(quantity)));
            double[] validation = history.series("val_" + quantity);
            if (Arrays.stream(validation).anyMatch(Double::isFinite)) {
                series.add(new Panel.Series("validation", epochs, validation));
            }
            String panelTitle = title.isEmpty() ? quantity : title + ": " + quantity;
            panels.add(Panel.xy(panelTitle, Panel.Kind.LINE, "epoch", quantity, series));
        }
        return new Chart(panels, WIDTH, HEIGHT, false);
    }

    /** Column {@code y} against column {@code x} (line, scatter, bar), or the distribution of {@code x} (hist). */
    public static Chart table(Table table, String x, String y, Kind kind, String title) {
        Column<?> xColumn = column(table, x);
        if (kind == Kind.HIST) {
            double[] values = numbers(xColumn, "hist");
            return new Chart(List.of(histogram(values, title.isEmpty() ? x : title, x)), WIDTH, HEIGHT, false);
        }
        if (y == null) {
            throw new IllegalArgumentException("Give two columns, x and y, for a " + kind.name().toLowerCase() + " chart (or --kind hist with one).");
        }
        Column<?> yColumn = column(table, y);
        double[] yValues = numbers(yColumn, kind.name().toLowerCase());
        String chartTitle = title.isEmpty() ? y + " by " + x : title;
        if (kind == Kind.BAR) {
            List<String> categories = new ArrayList<>();
            for (int row = 0; row < xColumn.size(); row++) {
                categories.add(xColumn.getString(row));
            }
            return new Chart(List.of(Panel.bars(chartTitle, x, y, categories, yValues)), WIDTH, HEIGHT, false);
        }
        double[] xValues = numbers(xColumn, kind.name().toLowerCase() + " (x)");
        Panel.Kind drawn = kind == Kind.SCATTER ? Panel.Kind.SCATTER : Panel.Kind.LINE;
        return new Chart(List.of(Panel.xy(chartTitle, drawn, x, y, List.of(new Panel.Series(y, xValues, yValues)))), WIDTH, HEIGHT, false);
    }

    /** A 1-D array as a line over its index. */
    public static Chart line(double[] values, String title) {
        double[] index = new double[values.length];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        return new Chart(List.of(Panel.xy(title, Panel.Kind.LINE, "index", "value", List.of(new Panel.Series("", index, values)))),
                WIDTH, HEIGHT, false);
    }

    /** A 2-D array as a heatmap, row 0 at the top. */
    public static Chart heatmap(double[][] matrix, String title) {
        if (matrix.length == 0 || matrix[0].length == 0) {
            throw new IllegalArgumentException("There is nothing to plot: the array is empty.");
        }
        return new Chart(List.of(Panel.heatmap(title, matrix)), WIDTH, HEIGHT, false);
    }

    /** A 1-D tensor as a line, a 2-D one as a heatmap. */
    public static Chart array(NDArray array, String title) {
        long[] shape = array.getShape().getShape();
        double[] values = toDoubles(array);
        if (shape.length <= 1) {
            return line(values, title);
        }
        if (shape.length == 2) {
            return heatmap(matrix(values, (int) shape[0], (int) shape[1]), title);
        }
        throw new IllegalArgumentException("%plot draws 1-D arrays (a line) and 2-D ones (a heatmap); this one has shape "
                + array.getShape() + ": use %tensor for images and batches.");
    }

    /**
     * Bars of a histogram of {@code values}: about 20 bins of a round width, every k-th labelled with a round value
     * (0, 0.2, 0.4, …: at most {@value #HISTOGRAM_LABELS} labels), as a person would draw the axis.
     */
    public static Panel histogram(double[] values, String title, String label) {
        Histogram range = Histogram.of(values, 1);
        double spread = range.max() - range.min();
        double width = Ticks.roundStep(spread > 0 ? spread / 20 : Math.max(Math.abs(range.max()), 1) / 10);
        if (!(width > 0) || !Double.isFinite(width) || spread / width > 100) {
            return equalBins(values, title, label); // a spread too small or too large for round numbers (denormals)
        }
        int every = Ticks.labelEvery(width, (int) Math.ceil(spread / width) + 1, HISTOGRAM_LABELS);
        Histogram histogram = Histogram.rounded(values, every, width);
        String pattern = Ticks.decimalsPattern(width * every);
        List<String> categories = new ArrayList<>();
        double[] counts = new double[histogram.counts().length];
        for (int i = 0; i < counts.length; i++) {
            // bars between labels are named by blanks, a different number of them each: XChart tells bars apart by name
            categories.add(i % every == 0 ? Ticks.format(histogram.binStart(i) + 0.0, pattern) : " ".repeat(i));
            counts[i] = histogram.counts()[i];
        }
        return Panel.bars(title, label, "count", categories, counts, every);
    }

    static final int HISTOGRAM_LABELS = 8;

    /** 20 equal bins from the minimum to the maximum, labelled with their starts; the chart picks which labels show. */
    private static Panel equalBins(double[] values, String title, String label) {
        Histogram histogram = Histogram.of(values, 20);
        double[] counts = new double[histogram.counts().length];
        double[] starts = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            starts[i] = histogram.binStart(i);
            counts[i] = histogram.counts()[i];
        }
        String pattern = Ticks.pattern(starts);
        List<String> categories = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            categories.add(Ticks.format(starts[i], pattern) + " ".repeat(i)); // names stay distinct when rounding makes them equal
        }
        return Panel.bars(title, label, "count", categories, counts);
    }

    /** A float array widened to doubles, as charts and reports take values. */
    public static double[] doubles(float[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }

    static double[] toDoubles(NDArray array) {
        return array.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** Row-major values as a {@code rows × cols} matrix. */
    public static double[][] matrix(double[] values, int rows, int cols) {
        double[][] matrix = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * cols, matrix[r], 0, cols);
        }
        return matrix;
    }

    private static Column<?> column(Table table, String name) {
        if (!table.columnNames().contains(name)) {
            throw new IllegalArgumentException("The table has no column \"" + name + "\"; it has " + table.columnNames() + ".");
        }
        return table.column(name);
    }

    private static double[] numbers(Column<?> column, String kind) {
        if (!(column instanceof NumericColumn)) {
            throw new IllegalArgumentException("Column \"" + column.name() + "\" holds " + column.type().name().toLowerCase()
                    + " values; a " + kind + " chart needs numbers there.");
        }
        NumericColumn<?> numeric = (NumericColumn<?>) column;
        double[] values = new double[numeric.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = numeric.isMissing(i) ? Double.NaN : numeric.getDouble(i);
        }
        return values;
    }
}
