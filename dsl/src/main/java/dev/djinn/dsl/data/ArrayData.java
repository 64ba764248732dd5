package dev.djinn.dsl.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Examples given as Java arrays: {@code data(new float[][] {{0, 1}, {1, 0}}, new int[] {1, 0})}. */
public final class ArrayData implements LabeledData {
    private final float[][] features;
    private final int[] labels;

    public ArrayData(float[][] features, int[] labels) {
        if (features.length != labels.length) {
            throw new IllegalArgumentException("data(x, y) got " + features.length + " examples but " + labels.length
                    + " labels: give one label per row of x.");
        }
        if (features.length == 0) {
            throw new IllegalArgumentException("data(x, y) got no examples: x and y are empty.");
        }
        int width = features[0].length;
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != width) {
                throw new IllegalArgumentException("data(x, y): row " + i + " of x has " + features[i].length
                        + " values but row 0 has " + width + "; every row needs the same number.");
            }
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("data(x, y): label " + i + " is " + labels[i] + "; class labels are 0, 1, 2, …");
            }
        }
        this.features = features;
        this.labels = labels;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public Shape exampleShape() {
        return new Shape(features[0].length);
    }

    @Override
    public NDArray features(NDManager manager) {
        return manager.create(features);
    }

    @Override
    public NDArray labels(NDManager manager) {
        return manager.create(Arrays.stream(labels).asLongStream().toArray());
    }

    @Override
    public List<String> classNames() {
        return IntStream.rangeClosed(0, Arrays.stream(labels).max().orElse(0)).mapToObj(String::valueOf).collect(Collectors.toList());
    }

    @Override
    public ArrayData select(int[] indices) {
        float[][] x = new float[indices.length][];
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            x[i] = features[indices[i]];
            y[i] = labels[indices[i]];
        }
        return new ArrayData(x, y);
    }

    @Override
    public String toString() {
        return size() + " examples of " + features[0].length + " values, " + classNames().size() + " classes";
    }
}
