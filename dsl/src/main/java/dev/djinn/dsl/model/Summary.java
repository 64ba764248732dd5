package dev.djinn.dsl.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import java.util.List;

/** A model's layers with their output shapes and parameter counts, as Keras' summary shows them. */
public final class Summary {
    /**
     * One layer: its position (1-based), what it is, the shape it outputs for a batch of one, its parameters, and for
     * a graph the rows it takes its input from ("#1, #3"; empty in a sequential model).
     */
    public record Row(int index, String layer, String outputShape, long parameters, String from, long frozen) {
        public Row(int index, String layer, String outputShape, long parameters) {
            this(index, layer, outputShape, parameters, "", 0);
        }

        public Row(int index, String layer, String outputShape, long parameters, String from) {
            this(index, layer, outputShape, parameters, from, 0);
        }

        /** The layer's name, marked when its weights are not trained. */
        public String label() {
            return frozen > 0 ? layer + " (frozen)" : layer;
        }
    }

    private final List<Row> rows;
    private final String inputShape;

    Summary(List<Row> rows, String inputShape) {
        this.rows = List.copyOf(rows);
        this.inputShape = inputShape;
    }

    /** The initialized parameters of a block and its children. */
    static long parameterCount(Block block) {
        return block.getParameters().values().stream().filter(Parameter::isInitialized).mapToLong(p -> p.getArray().size()).sum();
    }

    public List<Row> rows() {
        return rows;
    }

    public long totalParameters() {
        return rows.stream().mapToLong(Row::parameters).sum();
    }

    /** The parameters training changes: all but a frozen encoder's. */
    public long trainableParameters() {
        return totalParameters() - frozenParameters();
    }

    /** The weights of frozen layers (an ONNX encoder's), counted in the total but never trained. */
    public long frozenParameters() {
        return rows.stream().mapToLong(Row::frozen).sum();
    }

    /** Whether rows name their inputs (a graph). */
    public boolean isGraph() {
        return rows.stream().anyMatch(row -> !row.from().isEmpty());
    }

    @Override
    public String toString() {
        int layerWidth = Math.max(5, rows.stream().mapToInt(r -> r.label().length()).max().orElse(0));
        int shapeWidth = Math.max(12, rows.stream().mapToInt(r -> r.outputShape().length()).max().orElse(0));
        String from = isGraph() ? "  %s" : "%s";
        String format = "%3s  %-" + layerWidth + "s  %-" + shapeWidth + "s  %,12d" + from + "%n";
        StringBuilder text = new StringBuilder(String.format("%3s  %-" + layerWidth + "s  %-" + shapeWidth + "s  %12s" + from + "%n",
                "#", "layer", "output shape", "parameters", isGraph() ? "from" : ""));
        if (!isGraph()) {
            text.append(String.format("%3s  %-" + layerWidth + "s  %-" + shapeWidth + "s%n", "", "input", inputShape));
        }
        for (Row row : rows) {
            text.append(String.format(format, row.index(), row.label(), row.outputShape(), row.parameters(), row.from()));
        }
        text.append(String.format("total parameters %,d (trainable %,d%s)%n", totalParameters(), trainableParameters(),
                frozenParameters() > 0 ? String.format(", frozen %,d", frozenParameters()) : ""));
        return text.toString();
    }
}
