package dev.djinn.magics.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.ndarray.types.Shape;
import dev.djinn.dsl.layer.LayerSpec;
import dev.djinn.dsl.model.Model;
import dev.djinn.magics.mime.MimeBundle;
import dev.djinn.magics.mime.Rich;
import dev.djinn.magics.dispatch.Html;

import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;

/**
 * What {@code %tensor net} shows about a model: every parameter with its shape, dtype, device, mean, std, min, max and
 * the norm of its gradient from the last training step, with totals; rows holding NaN or infinite values are flagged.
 */
public final class ParameterReport implements Rich {
    /** One parameter's figures. */
    public record Row(String name, String shape, String dtype, String device, long size, Stats stats, double gradientNorm, boolean trainable) {
    }

    private static final List<String> HEADERS = List.of("name", "shape", "dtype", "device", "trained", "mean", "std", "min", "max", "grad norm", "");

    private final String name;
    private final List<Row> rows;

    private ParameterReport(String name, List<Row> rows) {
        this.name = name;
        this.rows = rows;
    }

    public static ParameterReport of(String name, Model model) {
        List<Row> rows = new ArrayList<>();
        for (var entry : model.parameters()) {
            Parameter parameter = entry.getValue();
            if (!parameter.isInitialized()) {
                continue;
            }
            NDArray array = parameter.getArray();
            double[] values = array.toType(DataType.FLOAT64, false).toDoubleArray();
            double gradientNorm = Double.NaN;
            if (array.hasGradient()) {
                try (NDArray gradient = array.getGradient()) {
                    gradientNorm = gradient.toType(DataType.FLOAT64, false).square().sum().sqrt().getDouble();
                }
            }
            rows.add(new Row(entry.getKey(), array.getShape().toString(), array.getDataType().toString().toLowerCase(),
                    array.getDevice().toString(), array.size(), Stats.of(values), gradientNorm, parameter.requiresGradient()));
        }
        for (LayerSpec layer : model.layerSpecs()) {
            if (layer instanceof LayerSpec.FrozenEncoder frozen) {
                frozen.encoder().weights().weights().forEach((weight, tensor) -> {
                    double[] values = new double[tensor.values().length];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = tensor.values()[i];
                    }
                    rows.add(new Row(layer.text() + "/" + weight, new Shape(tensor.dims()).toString(), "float32", "ONNX Runtime (cpu)",
                            values.length, Stats.of(values), Double.NaN, false));
                });
            }
        }
        return new ParameterReport(name, rows);
    }

    public List<Row> rows() {
        return rows;
    }

    public long totalParameters() {
        return rows.stream().mapToLong(Row::size).sum();
    }

    private long frozen() {
        return rows.stream().filter(r -> !r.trainable()).mapToLong(Row::size).sum();
    }

    private String totals() {
        return rows.size() + " parameters, " + String.format("%,d", totalParameters()) + " values"
                + (frozen() > 0 ? String.format(" (%,d frozen: not trained)", frozen()) : "");
    }

    private long flagged() {
        return rows.stream().filter(r -> r.stats().hasNonFinite()).count();
    }

    @Override
    public MimeBundle toMimeBundle() {
        StringBuilder html = new StringBuilder("<div><b>").append(Html.escape(name)).append("</b>: ").append(Html.escape(totals()))
                .append(flagged() > 0 ? " <span style=\"color:#c00;font-weight:bold\">⚠ " + flagged() + " with NaN or infinite values</span>" : "")
                .append("<table><tr>");
        for (String header : HEADERS) {
            html.append("<th style=\"text-align:left\">").append(header).append("</th>");
        }
        html.append("</tr>");
        for (Row r : rows) {
            String style = r.stats().hasNonFinite() ? " style=\"background:#fdd\"" : "";
            html.append("<tr").append(style).append(">");
            for (String cell : cells(r)) {
                html.append("<td style=\"text-align:left\">").append(Html.escape(cell)).append("</td>");
            }
            html.append("</tr>");
        }
        return MimeBundle.html(html.append("</table></div>").toString(), toString());
    }

    private static List<String> cells(Row r) {
        return List.of(r.name(), r.shape(), r.dtype(), r.device(), r.trainable() ? "yes" : "no (frozen)", number(r.stats().mean()),
                number(r.stats().std()), number(r.stats().min()), number(r.stats().max()),
                Double.isNaN(r.gradientNorm()) ? "–" : number(r.gradientNorm()), r.stats().warning());
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "–" : String.format("%.4g", v);
    }

    @Override
    public String toString() {
        List<String> headers = HEADERS;
        List<List<String>> table = new ArrayList<>();
        table.add(headers);
        rows.forEach(r -> table.add(cells(r)));
        int[] widths = new int[headers.size()];
        Arrays.fill(widths, 1);
        for (List<String> line : table) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder(name + ": " + totals()
                + (flagged() > 0 ? "  ⚠ " + flagged() + " with NaN or infinite values" : "") + "\n");
        for (List<String> line : table) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                row.append(String.format("%-" + widths[i] + "s  ", line.get(i)));
            }
            text.append(row.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
