package dev.djinn.magics.plot;

import ai.djl.ndarray.NDArray;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.train.History;

import java.util.Arrays;

/** Which chart a value gets: a History's panels, a model's History, a line for a 1-D array, a heatmap for a 2-D one. */
public final class ChartChoice {
    private ChartChoice() {
    }

    /**
     * What {@code %plot name} draws for a value that is not a table: histories are titled by quantity (prefixed by
     * {@code title} when given), arrays by {@code title} or their name.
     */
    public static Chart of(Object value, String name, String title) {
        if (value instanceof Chart) {
            return (Chart) value;
        }
        if (value instanceof History) {
            return Charts.history((History) value, title);
        }
        if (value instanceof Model) {
            return Charts.history(((Model) value).history(), title);
        }
        return of(value, title.isEmpty() ? name : title);
    }

    private static Chart of(Object value, String title) {
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
}
