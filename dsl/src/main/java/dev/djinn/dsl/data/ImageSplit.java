package dev.djinn.dsl.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One split of an image classification data set: {@code size()} grey-scale images of {@code rows × cols} unsigned
 * bytes, one after the other, and their integer labels. Kept as bytes (a quarter of the memory of floats); the
 * training loop turns them into one float tensor scaled to [0, 1].
 */
public final class ImageSplit implements LabeledData {
    private final byte[] pixels;
    private final int[] labels;
    private final int rows;
    private final int cols;

    private final List<String> classNames;

    public ImageSplit(byte[] pixels, int[] labels, int rows, int cols) {
        this(pixels, labels, rows, cols, List.of());
    }

    public ImageSplit(byte[] pixels, int[] labels, int rows, int cols, List<String> classNames) {
        if ((long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException("Found " + pixels.length + " pixels for " + labels.length + " images of "
                    + rows + "×" + cols + "; expected " + (long) labels.length * rows * cols + ".");
        }
        this.pixels = pixels;
        this.labels = labels;
        this.rows = rows;
        this.cols = cols;
        this.classNames = List.copyOf(classNames);
    }

    /** The same images and labels, with class names. */
    public ImageSplit withClassNames(List<String> names) {
        return new ImageSplit(pixels, labels, rows, cols, names);
    }

    @Override
    public Shape exampleShape() {
        return new Shape(rows, cols);
    }

    /** Pixels scaled to [0, 1], shape (size, rows, cols). */
    @Override
    public NDArray features(NDManager manager) {
        NDArray bytes = manager.create(ByteBuffer.wrap(pixels), new Shape(size(), rows, cols), DataType.UINT8);
        NDArray scaled = bytes.toType(DataType.FLOAT32, false).divi(255f);
        bytes.close();
        return scaled;
    }

    @Override
    public InputEncoding encoding() {
        return ImageEncoding.UNIT_SCALE;
    }

    @Override
    public NDArray labels(NDManager manager) {
        long[] values = new long[labels.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = labels[i];
        }
        return manager.create(values);
    }

    @Override
    public List<String> classNames() {
        if (!classNames.isEmpty()) {
            return classNames;
        }
        return IntStream.range(0, labelCounts().length).mapToObj(String::valueOf).collect(Collectors.toList());
    }

    /** Reads a split from an IDX image file and its IDX label file, checking that they belong together. */
    public static ImageSplit read(Path images, Path labels) {
        IdxArray imageArray = IdxReader.read(images);
        IdxArray labelArray = IdxReader.read(labels);
        if (imageArray.dimensions().length != 3) {
            throw new IdxFormatException(images + " holds " + imageArray.dimensions().length
                    + "-dimensional data; image files hold 3 dimensions (count, rows, columns).");
        }
        if (labelArray.dimensions().length != 1) {
            throw new IdxFormatException(labels + " holds " + labelArray.dimensions().length
                    + "-dimensional data; label files hold 1 dimension.");
        }
        if (imageArray.count() != labelArray.count()) {
            throw new IdxFormatException(images + " holds " + imageArray.count() + " images but " + labels + " holds "
                    + labelArray.count() + " labels: the two files do not belong together.");
        }
        int[] labelValues = new int[labelArray.count()];
        for (int i = 0; i < labelValues.length; i++) {
            labelValues[i] = labelArray.data()[i] & 0xFF;
        }
        return new ImageSplit(imageArray.data(), labelValues, imageArray.dimensions()[1], imageArray.dimensions()[2]);
    }

    public int size() {
        return labels.length;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The label of image {@code index}. */
    public int label(int index) {
        return labels[index];
    }

    /** The pixel at ({@code row}, {@code col}) of image {@code index}, 0 to 255. */
    public int pixel(int index, int row, int col) {
        return pixels[(index * rows + row) * cols + col] & 0xFF;
    }

    @Override
    public ImageSplit select(int[] indices) {
        int imageSize = rows * cols;
        byte[] chosenPixels = new byte[indices.length * imageSize];
        int[] chosenLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * imageSize, chosenPixels, i * imageSize, imageSize);
            chosenLabels[i] = labels[indices[i]];
        }
        return new ImageSplit(chosenPixels, chosenLabels, rows, cols, classNames);
    }

    /** The first {@code n} images (all of them if there are fewer), to keep a run short. */
    public ImageSplit limit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit(" + n + "): the number of images must be zero or more.");
        }
        int kept = Math.min(n, size());
        return new ImageSplit(Arrays.copyOf(pixels, kept * rows * cols), Arrays.copyOf(labels, kept), rows, cols, classNames);
    }

    /** How many images carry each label, indexed by label. */
    public int[] labelCounts() {
        int[] counts = new int[Arrays.stream(labels).max().orElse(-1) + 1];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The raw pixels, image after image, row after row (shared, not copied). */
    public byte[] pixels() {
        return pixels;
    }

    /** The labels (shared, not copied). */
    public int[] labels() {
        return labels;
    }

    @Override
    public String toString() {
        return size() + " images " + rows + "×" + cols;
    }
}
