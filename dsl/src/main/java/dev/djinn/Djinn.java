package dev.djinn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.List;
import java.nio.file.Path;

import dev.djinn.dsl.data.ArrayData;
import dev.djinn.dsl.data.DataSetFinder;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.train.OptimizerSpec;
import dev.djinn.dsl.train.ProgressListener;
import dev.djinn.dsl.train.TrainOption;
import dev.djinn.dsl.data.ImageDataSet;

/**
 * The whole Djinn vocabulary behind one static import: {@code import static dev.djinn.Djinn.*;}.
 *
 * <pre>{@code
 * version();   // "0.1.0-SNAPSHOT"
 * }</pre>
 */
public final class Djinn {
    private static final Properties BUILD = buildProperties();

    private Djinn() {
    }

    /** The ten Fashion-MNIST classes, by label. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The ten MNIST classes: the digits. */
    public static final List<String> MNIST_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /**
     * Fashion-MNIST (60 000 train and 10 000 test images of clothing, 28×28) from {@code $DJINN_DATA/fashion-mnist},
     * {@code ~/.djinn/data/fashion-mnist} or Debian's {@code /usr/share/datasets/fashion-mnist}.
     *
     * <pre>{@code
     * var data = fashionMnist();
     * data.train().size();   // 60000
     * }</pre>
     */
    public static ImageDataSet fashionMnist() {
        return fashionMnist(null);
    }

    /** Fashion-MNIST from {@code folder} (the four IDX files, plain or gzipped). */
    public static ImageDataSet fashionMnist(Path folder) {
        return ImageDataSet.load("fashion-mnist", folder, FASHION_MNIST_CLASSES, DataSetFinder.standard());
    }

    /** MNIST digits from {@code $DJINN_DATA/mnist}, {@code ~/.djinn/data/mnist} or {@code /usr/share/datasets/mnist}. */
    public static ImageDataSet mnist() {
        return mnist(null);
    }

    /** MNIST digits from {@code folder} (the four IDX files, plain or gzipped). */
    public static ImageDataSet mnist(Path folder) {
        return ImageDataSet.load("mnist", folder, MNIST_CLASSES, DataSetFinder.standard());
    }

    /** An empty sequential model: add layers with {@code .dense(128).relu()…}. */
    public static Model model() {
        return new Model();
    }

    /** Labelled examples from Java arrays: one row of {@code x} per label in {@code y}. */
    public static ArrayData data(float[][] x, int[] y) {
        return new ArrayData(x, y);
    }

    /** Train for {@code n} epochs (default 1). */
    public static TrainOption epochs(int n) {
        return TrainOption.epochs(n);
    }

    /** Examples per training step (default 32). */
    public static TrainOption batchSize(int n) {
        return TrainOption.batchSize(n);
    }

    /** Seeds shuffling and initial weights: the same seed gives the same History on CPU. */
    public static TrainOption seed(long seed) {
        return TrainOption.seed(seed);
    }

    /** Stops after {@code patience} epochs without improvement and restores the best weights. */
    public static TrainOption earlyStopping(int patience) {
        return TrainOption.earlyStopping(patience);
    }

    /** Holds out a share of the training data for validation: {@code validation(0.1)}. */
    public static TrainOption validation(double fraction) {
        return TrainOption.validation(fraction);
    }

    /** Saves the model to {@code file} after every epoch. */
    public static TrainOption checkpoint(Path file) {
        return TrainOption.checkpoint(file);
    }

    /** Saves the model after epochs; with {@code bestOnly}, only when the monitored loss improved. */
    public static TrainOption checkpoint(Path file, boolean bestOnly) {
        return TrainOption.checkpoint(file, bestOnly);
    }

    /** Where training progress goes: {@code progress(ProgressListener.NONE)} for none. */
    public static TrainOption progress(ProgressListener listener) {
        return TrainOption.progress(listener);
    }

    /** Loads a model saved with {@code net.save(path)}: architecture, weights, class names and history. */
    public static Model load(Path file) {
        return Model.load(file);
    }

    /** Stochastic gradient descent; add {@code .momentum(0.9)}, {@code .nesterov()}, {@code .clipGradient(1)}. */
    public static OptimizerSpec sgd(double learningRate) {
        return OptimizerSpec.of(OptimizerSpec.Kind.SGD, learningRate);
    }

    /** Adam, the default optimizer (with 1e-3). */
    public static OptimizerSpec adam(double learningRate) {
        return OptimizerSpec.of(OptimizerSpec.Kind.ADAM, learningRate);
    }

    /** Adam with decoupled weight decay. */
    public static OptimizerSpec adamw(double learningRate, double weightDecay) {
        return OptimizerSpec.adamw(learningRate, weightDecay);
    }

    public static OptimizerSpec rmsprop(double learningRate) {
        return OptimizerSpec.of(OptimizerSpec.Kind.RMSPROP, learningRate);
    }

    public static OptimizerSpec adagrad(double learningRate) {
        return OptimizerSpec.of(OptimizerSpec.Kind.ADAGRAD, learningRate);
    }

    /** This Djinn's version. */
    public static String version() {
        return BUILD.getProperty("version");
    }

    /** The DJL version Djinn was built against. */
    public static String djlVersion() {
        return BUILD.getProperty("djl");
    }

    /** The PyTorch version of the bundled native engine. */
    public static String pytorchVersion() {
        return BUILD.getProperty("pytorch");
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = Djinn.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
