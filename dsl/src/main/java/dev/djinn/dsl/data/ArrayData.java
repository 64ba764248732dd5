package dev.djinn.dsl.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Examples held in Java arrays, with class labels or numeric targets:
 * {@code data(new float[][] {{0, 1}, {1, 0}}, new int[] {1, 0})}, {@code data(x, new float[] {2.5f, 1f})}.
 */
public final class ArrayData implements LabeledData {
    private final float[] features;
    private final Shape exampleShape;
    private final int[] classes;
    private final float[] values;
    private final int targetWidth;
    private final List<String> classNames;
    private final InputEncoding encoding;
    private final int size;

    private ArrayData(float[] features, Shape exampleShape, int[] classes, float[] values, int targetWidth,
                      List<String> classNames, InputEncoding encoding) {
        this.features = features;
        this.exampleShape = exampleShape;
        this.classes = classes;
        this.values = values;
        this.targetWidth = targetWidth;
        this.size = classes != null ? classes.length : values.length / targetWidth;
        this.classNames = classes == null ? List.of() : classNames.isEmpty() ? numbered(classes) : List.copyOf(classNames);
        this.encoding = encoding;
    }

    /** Rows of {@code x} with class labels {@code y}. */
    public static ArrayData classes(float[][] x, int[] y) {
        requireRows(x, y.length, "labels");
        return withClasses(flatten(x), new Shape(x[0].length), y, List.of(), InputEncoding.NONE);
    }

    /** Rows of {@code x} with one numeric target each. */
    public static ArrayData values(float[][] x, float[] y) {
        requireRows(x, y.length, "targets");
        return withValues(flatten(x), new Shape(x[0].length), y, 1, InputEncoding.NONE);
    }

    /** Rows of {@code x} with a row of numeric targets each. */
    public static ArrayData values(float[][] x, float[][] y) {
        requireRows(x, y.length, "targets");
        return withValues(flatten(x), new Shape(x[0].length), flatten(y), y[0].length, InputEncoding.NONE);
    }

    /** Examples (N, …) with int labels (N) or float targets (N) / (N, k), copied out of the tensors. */
    public static ArrayData of(NDArray x, NDArray y) {
        Shape shape = x.getShape();
        if (shape.dimension() < 2) {
            throw new IllegalArgumentException("data(x, y): x has shape " + shape + "; it needs one row per example: (examples, features…).");
        }
        if (y.getShape().dimension() == 0 || y.getShape().get(0) != shape.get(0)) {
            throw new IllegalArgumentException("data(x, y): x has " + shape.get(0) + " examples but y has shape " + y.getShape() + ": give one target per example.");
        }
        float[] flat = x.toType(DataType.FLOAT32, false).toFloatArray();
        if (y.getDataType().isInteger()) {
            if (y.getShape().dimension() != 1) {
                throw new IllegalArgumentException("data(x, y): integer labels need shape (" + shape.get(0) + "), not " + y.getShape() + ".");
            }
            int[] labels = Arrays.stream(y.toType(DataType.INT64, false).toLongArray()).mapToInt(Math::toIntExact).toArray();
            return withClasses(flat, shape.slice(1), labels, List.of(), InputEncoding.NONE);
        }
        int width = (int) (y.getShape().size() / shape.get(0));
        return withValues(flat, shape.slice(1), y.toType(DataType.FLOAT32, false).toFloatArray(), width, InputEncoding.NONE);
    }

    static ArrayData withClasses(float[] features, Shape exampleShape, int[] labels, List<String> names, InputEncoding encoding) {
        requireFinite(features, exampleShape);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("data(x, y): label " + i + " is " + labels[i] + "; class labels are 0, 1, 2, …");
            }
        }
        return new ArrayData(features, exampleShape, labels, null, 1, names, encoding);
    }

    static ArrayData withValues(float[] features, Shape exampleShape, float[] targets, int width, InputEncoding encoding) {
        requireFinite(features, exampleShape);
        for (int i = 0; i < targets.length; i++) {
            if (!Float.isFinite(targets[i])) {
                throw new IllegalArgumentException("data(x, y): target " + i / width + " is " + targets[i] + "; targets must be finite numbers.");
            }
        }
        return new ArrayData(features, exampleShape, null, targets, width, List.of(), encoding);
    }

    /** A NaN or infinite feature would turn the loss into NaN at once, which reads like a learning rate too high. */
    private static void requireFinite(float[] features, Shape exampleShape) {
        long perExample = Math.max(1, exampleShape.size());
        for (int i = 0; i < features.length; i++) {
            if (!Float.isFinite(features[i])) {
                throw new IllegalArgumentException("data(x, y): example " + i / perExample + " has " + features[i] + " at value "
                        + i % perExample + " of its " + perExample + "; a model cannot learn from it: replace or drop the "
                        + "missing or infinite values before training.");
            }
        }
    }

    private static void requireRows(float[][] x, int targets, String what) {
        if (x.length != targets) {
            throw new IllegalArgumentException("data(x, y) got " + x.length + " examples but " + targets + " " + what
                    + ": give one per row of x.");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("data(x, y) got no examples: x and y are empty.");
        }
    }

    private static float[] flatten(float[][] rows) {
        int width = rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException("data(x, y): row " + i + " has " + rows[i].length
                        + " values but row 0 has " + width + "; every row needs the same number.");
            }
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return flat;
    }

    private static List<String> numbered(int[] labels) {
        return IntStream.rangeClosed(0, Arrays.stream(labels).max().orElse(0)).mapToObj(String::valueOf).collect(Collectors.toList());
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Shape exampleShape() {
        return exampleShape;
    }

    @Override
    public NDArray features(NDManager manager) {
        return manager.create(features, new Shape(size).addAll(exampleShape));
    }

    @Override
    public NDArray labels(NDManager manager) {
        if (classes != null) {
            return manager.create(Arrays.stream(classes).asLongStream().toArray());
        }
        return manager.create(values, new Shape(size, targetWidth));
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public boolean hasClassLabels() {
        return classes != null;
    }

    @Override
    public long targetWidth() {
        return targetWidth;
    }

    @Override
    public InputEncoding encoding() {
        return encoding;
    }

    /** The same examples, recording how they were encoded from raw inputs. */
    ArrayData withEncoding(InputEncoding encoding) {
        return new ArrayData(features, exampleShape, classes, values, targetWidth, classNames, encoding);
    }

    /** The features of example {@code i}, flattened. */
    public float[] example(int i) {
        int width = (int) exampleShape.size();
        return Arrays.copyOfRange(features, i * width, (i + 1) * width);
    }

    @Override
    public ArrayData select(int[] indices) {
        int width = (int) exampleShape.size();
        float[] x = new float[indices.length * width];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * width, x, i * width, width);
        }
        if (classes != null) {
            int[] y = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                y[i] = classes[indices[i]];
            }
            return new ArrayData(x, exampleShape, y, null, 1, classNames, encoding);
        }
        float[] y = new float[indices.length * targetWidth];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * targetWidth, y, i * targetWidth, targetWidth);
        }
        return new ArrayData(x, exampleShape, null, y, targetWidth, classNames, encoding);
    }

    @Override
    public String toString() {
        String targets = classes != null ? classNames.size() + " classes" : targetWidth + " numeric target" + (targetWidth == 1 ? "" : "s");
        return size + " examples of shape " + exampleShape + ", " + targets;
    }
}
