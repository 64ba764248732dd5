package dev.djinn.dsl.data;

import java.nio.file.Path;
import java.util.List;

/**
 * An image classification data set with a train and a test split and the names of its classes, as
 * {@code mnist()} and {@code fashionMnist()} return it.
 */
public final class ImageDataSet implements DataSet {
    /** The four standard IDX files of a split data set, in order: train images and labels, test images and labels. */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private final String name;
    private final ImageSplit train;
    private final ImageSplit test;
    private final List<String> classNames;

    public ImageDataSet(String name, ImageSplit train, ImageSplit test, List<String> classNames) {
        this.name = name;
        this.train = train.withClassNames(classNames);
        this.test = test.withClassNames(classNames);
        this.classNames = List.copyOf(classNames);
    }

    /** Reads the four standard IDX files of {@code name} from the first folder that has them. */
    public static ImageDataSet load(String name, Path explicitFolder, List<String> classNames, DataSetFinder finder) {
        Path folder = finder.find(name, explicitFolder, FILES);
        ImageSplit train = ImageSplit.read(file(folder, FILES.get(0)), file(folder, FILES.get(1)));
        ImageSplit test = ImageSplit.read(file(folder, FILES.get(2)), file(folder, FILES.get(3)));
        checkLabels(train, file(folder, FILES.get(1)), classNames);
        checkLabels(test, file(folder, FILES.get(3)), classNames);
        return new ImageDataSet(name, train, test, classNames);
    }

    /** Labels index the class names; without names (a data set only being checked) there is no range to hold. */
    private static void checkLabels(ImageSplit split, Path file, List<String> classNames) {
        if (classNames.isEmpty()) {
            return;
        }
        int[] labels = split.labels();
        for (int row = 0; row < labels.length; row++) {
            if (labels[row] < 0 || labels[row] >= classNames.size()) {
                throw new IdxFormatException(file + " has label " + labels[row] + " at row " + row + ", outside the "
                        + classNames.size() + " classes 0 to " + (classNames.size() - 1) + ": the file is damaged or of another data set.");
            }
        }
    }

    private static Path file(Path folder, String name) {
        return DataSetFinder.locate(folder, name).orElseThrow();
    }

    public String name() {
        return name;
    }

    @Override
    public ImageSplit train() {
        return train;
    }

    @Override
    public ImageSplit test() {
        return test;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** The same data set with at most {@code trainImages} and {@code testImages} images, for short runs. */
    public ImageDataSet limit(int trainImages, int testImages) {
        return new ImageDataSet(name, train.limit(trainImages), test.limit(testImages), classNames);
    }

    @Override
    public String toString() {
        return name + ": " + train.size() + " train and " + test.size() + " test images " + train.rows() + "×"
                + train.cols() + ", " + classNames.size() + " classes (" + String.join(", ", classNames) + ")";
    }
}
