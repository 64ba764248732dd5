package dev.djinn.dsl.model;

import java.util.List;

/** A model's layers with their output shapes and parameter counts, as Keras' summary shows them. */
public final class Summary {
    /** One layer: its position (1-based), what it is, the shape it outputs for a batch of one, its parameters. */
    public record Row(int index, String layer, String outputShape, long parameters) {
    }

    private final List<Row> rows;
    private final String inputShape;

    Summary(List<Row> rows, String inputShape) {
        this.rows = List.copyOf(rows);
        this.inputShape = inputShape;
    }

    public List<Row> rows() {
        return rows;
    }

    public long totalParameters() {
        return rows.stream().mapToLong(Row::parameters).sum();
    }

    /** All parameters of these layers are trained. */
    public long trainableParameters() {
        return totalParameters();
    }

    @Override
    public String toString() {
        int layerWidth = Math.max(5, rows.stream().mapToInt(r -> r.layer().length()).max().orElse(0));
        int shapeWidth = Math.max(12, rows.stream().mapToInt(r -> r.outputShape().length()).max().orElse(0));
        String format = "%3s  %-" + layerWidth + "s  %-" + shapeWidth + "s  %,12d%n";
        StringBuilder text = new StringBuilder(String.format("%3s  %-" + layerWidth + "s  %-" + shapeWidth + "s  %12s%n",
                "#", "layer", "output shape", "parameters"));
        text.append(String.format("%3s  %-" + layerWidth + "s  %-" + shapeWidth + "s%n", "", "input", inputShape));
        for (Row row : rows) {
            text.append(String.format(format, row.index(), row.layer(), row.outputShape(), row.parameters()));
        }
        text.append(String.format("total parameters %,d (trainable %,d)%n", totalParameters(), trainableParameters()));
        return text.toString();
    }
}
