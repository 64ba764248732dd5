package dev.djinn.dsl.graph;

import ai.djl.ndarray.types.Shape;

import java.util.Map;

/** One example of a model with several named inputs, given input by input, as the row of values the model takes. */
public final class NamedInputs {
    private NamedInputs() {
    }

    /** The values of every input of {@code shapes}, in its order, checked for presence and size. */
    public static float[] row(Map<String, Shape> shapes, Map<String, float[]> values) {
        for (String name : values.keySet()) {
            if (!shapes.containsKey(name)) {
                throw new IllegalArgumentException("There is no input \"" + name + "\": this model's inputs are " + shapes.keySet() + ".");
            }
        }
        int total = 0;
        for (Shape shape : shapes.values()) {
            total += (int) shape.size();
        }
        float[] row = new float[total];
        int at = 0;
        for (Map.Entry<String, Shape> input : shapes.entrySet()) {
            float[] given = values.get(input.getKey());
            long size = input.getValue().size();
            if (given == null) {
                throw new IllegalArgumentException("Input \"" + input.getKey() + "\" is missing: this model takes " + shapes.keySet() + ".");
            }
            if (given.length != size) {
                throw new IllegalArgumentException("Input \"" + input.getKey() + "\" has " + given.length + " values but takes "
                        + size + " (shape " + input.getValue() + ").");
            }
            System.arraycopy(given, 0, row, at, given.length);
            at += given.length;
        }
        return row;
    }
}
