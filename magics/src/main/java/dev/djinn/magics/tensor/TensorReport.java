package dev.djinn.magics.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.djinn.magics.mime.MimeBundle;
import dev.djinn.magics.mime.Rich;
import dev.djinn.magics.plot.Chart;
import dev.djinn.magics.plot.Charts;
import dev.djinn.magics.plot.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.lang.reflect.Array;

/**
 * What {@code %tensor x} and {@code inspect(x)} show about an array: shape, dtype, device, min / max / mean / std,
 * share of zeros, NaN and infinite counts (flagged loudly), a histogram; a heatmap for 2-D arrays; the first 16
 * images with their labels for image batches (N, 1, H, W), (N, H, W) and single images (H, W).
 */
public final class TensorReport implements Rich {
    private final String name;
    private final long[] shape;
    private final String dtype;
    private final String device;
    private final double[] values;
    private final Stats stats;
    private final List<String> labels;
    private String preview = "";

    private TensorReport(String name, long[] shape, String dtype, String device, double[] values, List<String> labels) {
        this.name = name;
        this.shape = shape;
        this.dtype = dtype;
        this.device = device;
        this.values = values;
        this.stats = Stats.of(values);
        this.labels = labels;
    }

    /** A tensor; {@code labels} (may be empty) caption the images of a batch. */
    public static TensorReport of(String name, NDArray array, List<String> labels) {
        double[] values = array.getDataType() == DataType.BOOLEAN
                ? Arrays.stream(array.toType(DataType.INT32, false).toIntArray()).asDoubleStream().toArray()
                : array.toType(DataType.FLOAT64, false).toDoubleArray();
        TensorReport report = new TensorReport(name, array.getShape().getShape(), array.getDataType().toString().toLowerCase(),
                array.getDevice().toString(), values, labels);
        // values are shown for small vectors and matrices only: images show as pictures, large tensors as statistics,
        // never as DJL's "Exceed max print size" (which reads like an error)
        report.preview = array.size() <= PREVIEW_VALUES && array.getShape().dimension() <= 2 ? preview(array.toString()) : "";
        return report;
    }

    /** DJL's print of the values (it elides the middle of large arrays), without its header line, at most 12 lines. */
    private static final long PREVIEW_VALUES = 100;

    private static String preview(String printed) {
        List<String> lines = new ArrayList<>(Arrays.asList(printed.split("\n")));
        if (!lines.isEmpty() && lines.get(0).startsWith("ND: ")) {
            lines.remove(0);
        }
        if (lines.size() > 12) {
            lines = new ArrayList<>(lines.subList(0, 12));
            lines.add("…");
        }
        return String.join("\n", lines).strip();
    }

    /** A Java array: float[], double[], int[], long[], or rectangular float[][] / double[][]. */
    public static TensorReport of(String name, Object array, List<String> labels) {
        if (array instanceof NDArray) {
            return of(name, (NDArray) array, labels);
        }
        if (array instanceof float[]) {
            float[] a = (float[]) array;
            return new TensorReport(name, new long[] {a.length}, "float32", "java heap", Charts.doubles(a), labels);
        }
        if (array instanceof double[]) {
            return new TensorReport(name, new long[] {((double[]) array).length}, "float64", "java heap", ((double[]) array).clone(), labels);
        }
        if (array instanceof int[]) {
            return new TensorReport(name, new long[] {((int[]) array).length}, "int32", "java heap",
                    Arrays.stream((int[]) array).asDoubleStream().toArray(), labels);
        }
        if (array instanceof long[]) {
            return new TensorReport(name, new long[] {((long[]) array).length}, "int64", "java heap",
                    Arrays.stream((long[]) array).asDoubleStream().toArray(), labels);
        }
        if (array instanceof float[][] || array instanceof double[][]) {
            Object[] rows = (Object[]) array;
            int cols = rows.length == 0 ? 0 : Array.getLength(rows[0]);
            double[] values = new double[rows.length * cols];
            for (int r = 0; r < rows.length; r++) {
                if (Array.getLength(rows[r]) != cols) {
                    throw new IllegalArgumentException(name + " is ragged: row " + r + " has " + Array.getLength(rows[r])
                            + " values but row 0 has " + cols + ".");
                }
                for (int c = 0; c < cols; c++) {
                    values[r * cols + c] = ((Number) Array.get(rows[r], c)).doubleValue();
                }
            }
            return new TensorReport(name, new long[] {rows.length, cols}, array instanceof float[][] ? "float32" : "float64",
                    "java heap", values, labels);
        }
        throw new IllegalArgumentException(name + " is a " + (array == null ? "null" : array.getClass().getSimpleName())
                + ", not an array: %tensor takes an NDArray, a float[]/double[]/int[]/long[] or a float[][]/double[][], or a model.");
    }

    public Stats stats() {
        return stats;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** Whether the array reads as images: (H, W), (N, H, W) or (N, 1, H, W), with sides of at least 4. */
    public boolean isImages() {
        int d = shape.length;
        if (d < 2 || d > 4 || shape[d - 1] < 4 || shape[d - 2] < 4) {
            return false;
        }
        return d == 2 ? shape[0] <= 512 && shape[1] <= 512 && stats.count() > 64 : d == 3 || shape[1] == 1;
    }

    private int imageCount() {
        return shape.length == 2 ? 1 : (int) shape[0];
    }

    /** The picture that best shows the array: images, a heatmap for a 2-D array, else the histogram. */
    public byte[] picture() {
        int d = shape.length;
        if (isImages()) {
            return ImageGrid.png(values, imageCount(), (int) shape[d - 2], (int) shape[d - 1], labels);
        }
        return histogramChart().png();
    }

    private Chart histogramChart() {
        return new Chart(List.of(Charts.histogram(values, name + ": histogram", "value")), 480, 300, false);
    }

    /** A single value: shown as itself, without statistics or pictures. */
    private boolean isScalar() {
        return stats.count() == 1;
    }

    @Override
    public MimeBundle toMimeBundle() {
        if (isScalar()) {
            return MimeBundle.text(toString());
        }
        StringBuilder html = new StringBuilder("<div><b>").append(escape(name)).append("</b> ")
                .append(escape(header())).append("<table>");
        row(html, "min / max", String.format("%s / %s", number(stats.min()), number(stats.max())));
        row(html, "mean ± std", String.format("%s ± %s", number(stats.mean()), number(stats.std())));
        row(html, "zeros", String.format("%.1f%%", stats.zeroShare() * 100));
        String warning = stats.hasNonFinite() ? "<span style=\"color:#c00;font-weight:bold\">" + escape(stats.warning()) + "</span>" : "none";
        row(html, "NaN / Inf", stats.hasNonFinite() ? warning : "0 / 0");
        html.append("</table>");
        if (!preview.isEmpty()) {
            html.append("<pre>").append(escape(preview)).append("</pre>");
        }
        List<byte[]> pictures = new ArrayList<>();
        if (isImages()) {
            pictures.add(picture());
            html.append("<div>").append(imageCaption()).append("</div>");
        } else if (shape.length == 2 && shape[0] > 1 && shape[1] > 1) {
            pictures.add(Charts.heatmap(Charts.matrix(values, (int) shape[0], (int) shape[1]), name).png());
        }
        pictures.add(histogramChart().png());
        for (byte[] png : pictures) {
            html.append("<img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png)).append("\"/>");
        }
        html.append("</div>");
        return MimeBundle.html(html.toString(), toString()).with(MimeBundle.PNG, pictures.get(0));
    }

    private String imageCaption() {
        int shown = Math.min(ImageGrid.MAX_IMAGES, imageCount());
        String which = shown == 1 ? "the image" : shown == imageCount() ? "all " + shown + " images" : "images 1–" + shown + " of " + imageCount();
        return which + (labels.isEmpty() ? "" : shown == 1 ? ", captioned with its label" : ", captioned with their labels");
    }

    private String header() {
        return "shape " + Arrays.toString(shape).replace('[', '(').replace(']', ')') + "  " + dtype + "  " + device
                + "  (" + stats.count() + " values)";
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><td style=\"text-align:left\">").append(label).append("</td><td style=\"text-align:left\">").append(value).append("</td></tr>");
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "–" : String.format("%.6g", v);
    }

    private static String escape(String text) {
        return dev.djinn.magics.dispatch.Html.escape(text);
    }

    @Override
    public String toString() {
        if (isScalar()) {
            return name + " = " + number(values[0]) + "  (" + dtype + ", " + device + ", shape " + Arrays.toString(shape).replace('[', '(').replace(']', ')') + ")";
        }
        StringBuilder text = new StringBuilder(name + "  " + header() + "\n");
        text.append(String.format("  min %s  max %s  mean %s  std %s  zeros %.1f%%%n", number(stats.min()), number(stats.max()),
                number(stats.mean()), number(stats.std()), stats.zeroShare() * 100));
        if (stats.hasNonFinite()) {
            text.append("  ").append(stats.warning()).append(" !!\n");
        }
        Histogram histogram = Histogram.of(values, 40);
        text.append(String.format("  histogram %s │%s│ %s%n", number(histogram.min()), histogram.sparkline(), number(histogram.max())));
        if (isImages()) {
            text.append("  ").append(imageCaption()).append(" (shown as a picture in notebooks)\n");
        } else if (!preview.isEmpty()) {
            text.append(preview.indent(2));
        }
        return text.toString();
    }
}
