package dev.djinn.magics;

import ai.djl.ndarray.NDArray;
import dev.djinn.dsl.data.ImageSplit;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.train.History;
import dev.djinn.magics.gpu.GpuReport;
import dev.djinn.magics.mime.Rich;
import dev.djinn.magics.plot.Chart;
import dev.djinn.magics.plot.ChartChoice;
import dev.djinn.magics.plot.Charts;
import dev.djinn.magics.tensor.Inspections;
import dev.djinn.magics.tensor.ParameterReport;
import dev.djinn.magics.tensor.TensorReport;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * The magics' plain-Java twins, for jshell, scripts and cells: {@code import static dev.djinn.magics.Magics.*;}.
 * In a terminal their results print as text (a Unicode chart, a table); in a notebook they render as images.
 *
 * <pre>{@code
 * gpu();                       // the engine and its devices
 * plot(history).save(Path.of("history.png"));
 * inspect(batch, labels);      // statistics, histogram, the first 16 images with their labels
 * }</pre>
 */
public final class Magics {
    private Magics() {
    }

    /** The engine, its threads and devices, and the default device. */
    public static GpuReport gpu() {
        return GpuReport.now();
    }

    /** Loss and each metric per epoch, train and validation. */
    public static Chart plot(History history) {
        return Charts.history(history, "");
    }

    /** A model's History over all its training. */
    public static Chart plot(Model model) {
        return Charts.history(model.history(), "");
    }

    /** Column {@code y} against column {@code x} as a line. */
    public static Chart plot(Table table, String x, String y) {
        return Charts.table(table, x, y, Charts.Kind.LINE, "");
    }

    /** Columns of a table as a "line", "scatter", "bar" or "hist" (of x) chart. */
    public static Chart plot(Table table, String x, String y, String kind) {
        Charts.Kind chosen;
        try {
            chosen = Charts.Kind.valueOf(kind.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + kind + "\" is not a chart kind: use line, scatter, bar or hist.");
        }
        return Charts.table(table, x, y, chosen, "");
    }

    /** A 1-D tensor as a line, a 2-D one as a heatmap. */
    public static Chart plot(NDArray array) {
        return Charts.array(array, "");
    }

    public static Chart plot(double[] values) {
        return Charts.line(values, "");
    }

    public static Chart plot(float[] values) {
        return Charts.line(Charts.doubles(values), "");
    }

    public static Chart plot(double[][] matrix) {
        return Charts.heatmap(matrix, "");
    }

    /** An array's shape, statistics, NaN/Inf counts, histogram, and images when it holds images. */
    public static TensorReport inspect(NDArray array) {
        return TensorReport.of("tensor", array, List.of());
    }

    /** The same, captioning images with their labels (an int[]/long[], a tensor, or a List). */
    public static TensorReport inspect(NDArray array, Object labels) {
        return TensorReport.of("tensor", array, Inspections.captions(labels));
    }

    public static TensorReport inspect(float[] values) {
        return TensorReport.of("array", values, List.of());
    }

    public static TensorReport inspect(double[] values) {
        return TensorReport.of("array", values, List.of());
    }

    public static TensorReport inspect(float[][] values) {
        return TensorReport.of("array", values, List.of());
    }

    /** A model's parameters: shapes, statistics and gradient norms. */
    public static ParameterReport inspect(Model model) {
        return ParameterReport.of("model", model);
    }

    /** The first 16 images of a split with their class names. */
    public static TensorReport inspect(ImageSplit images) {
        return Inspections.images("images", images);
    }

    /**
     * What {@code %plot name} draws for a value that is not a table: histories are titled by quantity (prefixed by
     * {@code title} when given), arrays by {@code title} or their name.
     */
    public static Chart chartOf(Object value, String name, String title) {
        return ChartChoice.of(value, name, title);
    }

    /** What {@code %tensor name} shows: a model's parameters, a split's first images, or a tensor's report. */
    public static Rich inspectNamed(String name, Object value, Object labels) {
        return Inspections.named(name, value, labels);
    }
}
