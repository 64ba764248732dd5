package dev.djinn.magics;

import ai.djl.ndarray.NDArray;
import dev.djinn.dsl.data.ImageSplit;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.train.History;
import dev.djinn.magics.gpu.GpuReport;
import dev.djinn.magics.plot.Chart;
import dev.djinn.magics.plot.Charts;
import dev.djinn.magics.tensor.ParameterReport;
import dev.djinn.magics.tensor.TensorReport;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
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
        return TensorReport.of("tensor", array, captions(labels));
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
        return imageReport("images", images);
    }

    /**
     * What {@code %plot name} draws for a value that is not a table: histories are titled by quantity (prefixed by
     * {@code title} when given), arrays by {@code title} or their name.
     */
    public static Chart chartOf(Object value, String name, String title) {
        if (value instanceof Chart) {
            return (Chart) value;
        }
        if (value instanceof History) {
            return Charts.history((History) value, title);
        }
        if (value instanceof Model) {
            return Charts.history(((Model) value).history(), title);
        }
        return chartOf(value, title.isEmpty() ? name : title);
    }

    private static Chart chartOf(Object value, String title) {
        if (value instanceof NDArray) {
            return Charts.array((NDArray) value, title);
        }
        if (value instanceof double[]) {
            return Charts.line((double[]) value, title);
        }
        if (value instanceof float[]) {
            return Charts.line(Charts.doubles((float[]) value), title);
        }
        if (value instanceof int[]) {
            return Charts.line(Arrays.stream((int[]) value).asDoubleStream().toArray(), title);
        }
        if (value instanceof double[][]) {
            return Charts.heatmap((double[][]) value, title);
        }
        if (value instanceof float[][]) {
            float[][] rows = (float[][]) value;
            double[][] matrix = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                matrix[i] = Charts.doubles(rows[i]);
            }
            return Charts.heatmap(matrix, title);
        }
        throw new IllegalArgumentException(title + " is a " + (value == null ? "null" : value.getClass().getSimpleName())
                + "; %plot draws a History (or a model's), a Tablesaw Table with column names, or a 1-D/2-D array.");
    }

    /** What {@code %tensor name [labels]} shows. */
    public static Rich inspectNamed(String name, Object value, Object labels) {
        if (value instanceof Model) {
            return ParameterReport.of(name, (Model) value);
        }
        if (value instanceof ImageSplit) {
            return imageReport(name, (ImageSplit) value);
        }
        return TensorReport.of(name, value, captions(labels));
    }

    private static TensorReport imageReport(String name, ImageSplit images) {
        int shown = Math.min(16, images.size());
        int[] first = new int[shown];
        Arrays.setAll(first, i -> i);
        ImageSplit head = images.select(first);
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            List<String> captions = new ArrayList<>();
            long[] labels = head.labels(manager).toLongArray();
            List<String> names = images.classNames();
            for (long label : labels) {
                captions.add(label < names.size() ? names.get((int) label) : String.valueOf(label));
            }
            return TensorReport.of(name + " (first " + shown + " of " + images.size() + ")", head.features(manager), captions);
        }
    }

    private static List<String> captions(Object labels) {
        if (labels == null) {
            return List.of();
        }
        List<String> captions = new ArrayList<>();
        if (labels instanceof NDArray) {
            for (double v : ((NDArray) labels).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray()) {
                captions.add(v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v));
            }
        } else if (labels instanceof int[]) {
            Arrays.stream((int[]) labels).forEach(v -> captions.add(String.valueOf(v)));
        } else if (labels instanceof long[]) {
            Arrays.stream((long[]) labels).forEach(v -> captions.add(String.valueOf(v)));
        } else if (labels instanceof List) {
            ((List<?>) labels).forEach(v -> captions.add(String.valueOf(v)));
        } else if (labels instanceof String[]) {
            captions.addAll(Arrays.asList((String[]) labels));
        } else {
            throw new IllegalArgumentException("Labels are an int[], a long[], a String[], a List or a tensor, not a " + labels.getClass().getSimpleName() + ".");
        }
        return captions;
    }
}
