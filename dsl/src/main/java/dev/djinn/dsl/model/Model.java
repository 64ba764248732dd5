package dev.djinn.dsl.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.core.Linear;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.djinn.dsl.data.ImageDataSet;
import dev.djinn.dsl.data.ImageSplit;
import dev.djinn.dsl.data.LabeledData;
import dev.djinn.dsl.data.Permutation;
import dev.djinn.dsl.evaluate.Evaluation;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.djinn.dsl.train.EpochRecord;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.OptimizerSpec;
import dev.djinn.dsl.train.ProgressListener;
import dev.djinn.dsl.train.Scoring;
import dev.djinn.dsl.train.TrainOption;
import dev.djinn.dsl.train.TrainingLoop;
import dev.djinn.dsl.train.TrainingOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A sequential network, built one layer per call and trained on data whose shape it takes on first use.
 *
 * <pre>{@code
 * var net = model().dense(128).relu().dropout(0.2).dense(10);
 * History h = net.train(fashionMnist(), epochs(2));
 * }</pre>
 */
public final class Model implements AutoCloseable {
    private final List<Layer> layers = new ArrayList<>();
    private OptimizerSpec optimizer = OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 1e-3);
    private float l2;
    private List<String> classNames = List.of();
    private final List<EpochRecord> trainedEpochs = new ArrayList<>();
    private Network network;

    /** A fully connected layer with {@code units} outputs. */
    public Model dense(int units) {
        if (units < 1) {
            throw new IllegalArgumentException("dense(" + units + "): a dense layer needs at least one unit.");
        }
        return add("dense(" + units + ")", () -> Linear.builder().setUnits(units).build());
    }

    public Model relu() {
        return add("relu", Activation::reluBlock);
    }

    public Model sigmoid() {
        return add("sigmoid", Activation::sigmoidBlock);
    }

    public Model tanh() {
        return add("tanh", Activation::tanhBlock);
    }

    public Model gelu() {
        return add("gelu", Activation::geluBlock);
    }

    public Model swish() {
        return add("swish", () -> Activation.swishBlock(1f));
    }

    public Model leakyRelu(double alpha) {
        return add("leakyRelu(" + alpha + ")", () -> Activation.leakyReluBlock((float) alpha));
    }

    /** Zeroes a share {@code rate} of the activations while training; does nothing when predicting. */
    public Model dropout(double rate) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("dropout(" + rate + "): the rate is the share of activations dropped, from 0 up to (not including) 1.");
        }
        return add("dropout(" + rate + ")", () -> Dropout.builder().optRate((float) rate).build());
    }

    /** A 2-D convolution: {@code filters} output channels, a square {@code kernel}, stride 1, no padding. */
    public Model conv2d(int filters, int kernel) {
        return conv2d(filters, kernel, 1, 0);
    }

    /** A 2-D convolution with a stride and zero padding on every side ({@code kernel / 2} keeps the size). */
    public Model conv2d(int filters, int kernel, int stride, int padding) {
        if (filters < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("conv2d(" + filters + ", " + kernel + ", " + stride + ", " + padding
                    + "): filters, kernel and stride must be at least 1 and padding at least 0.");
        }
        return add("conv2d(" + filters + ", " + kernel + (stride != 1 || padding != 0 ? ", " + stride + ", " + padding : "") + ")",
                () -> Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                        .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).build());
    }

    /** Max pooling over {@code size × size} windows, stride {@code size}. */
    public Model maxPool2d(int size) {
        requirePool(size);
        return add("maxPool2d(" + size + ")", () -> Pool.maxPool2dBlock(new Shape(size, size), new Shape(size, size)));
    }

    /** Average pooling over {@code size × size} windows, stride {@code size}. */
    public Model avgPool2d(int size) {
        requirePool(size);
        return add("avgPool2d(" + size + ")", () -> Pool.avgPool2dBlock(new Shape(size, size), new Shape(size, size)));
    }

    /** Averages each channel over its whole image: (N, C, H, W) to (N, C). */
    public Model globalAvgPool() {
        return add("globalAvgPool", Pool::globalAvgPool2dBlock);
    }

    public Model batchNorm() {
        return add("batchNorm", () -> BatchNorm.builder().build());
    }

    public Model layerNorm() {
        return add("layerNorm", () -> LayerNorm.builder().build());
    }

    /** Turns logits into probabilities; leave it out before crossEntropy(), which takes logits. */
    public Model softmax() {
        return add("softmax", () -> new LambdaBlock(list -> new NDList(list.singletonOrThrow().softmax(-1)), "softmax"));
    }

    private static void requirePool(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("pooling size " + size + ": windows are at least 1 × 1.");
        }
    }

    /** Flattens each example to a vector. */
    public Model flatten() {
        return add("flatten", Blocks::batchFlattenBlock);
    }

    /** Any DJL block, as the next layer. */
    public Model add(Block block) {
        return add(block.getClass().getSimpleName(), () -> block);
    }

    private Model add(String description, java.util.function.Supplier<Block> block) {
        if (network != null) {
            throw new IllegalStateException("This model has been trained: layers cannot be added any more. Build a new model().");
        }
        layers.add(new Layer(description, block));
        return this;
    }

    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** The optimizer (default {@code adam(1e-3)}): {@code optimizer(sgd(0.1).momentum(0.9))}. Set it before training. */
    public Model optimizer(OptimizerSpec spec) {
        requireNotBuilt("optimizer(" + spec + ")");
        this.optimizer = spec;
        return this;
    }

    /** L2 regularization of the weights with strength {@code lambda} (as weight decay). */
    public Model l2(double lambda) {
        if (lambda < 0) {
            throw new IllegalArgumentException("l2(" + lambda + "): the strength must be zero or more, such as 1e-4.");
        }
        requireNotBuilt("l2(" + lambda + ")");
        this.l2 = (float) lambda;
        return this;
    }

    private void requireNotBuilt(String what) {
        if (network != null) {
            throw new IllegalStateException(what + " must come before the first train(): this model is already built. Build a new model().");
        }
    }

    /**
     * Builds the network for examples of this shape now (training does it from the data otherwise), so that
     * {@link #summary()} can show it. {@code input(28, 28)} for MNIST images, {@code input(4)} for 4 features.
     */
    public Model input(long... exampleShape) {
        if (network != null) {
            throw new IllegalStateException("This model is already built for examples of shape " + network.exampleShape() + ".");
        }
        if (layers.isEmpty()) {
            throw new IllegalStateException("This model has no layers: add some before input(...).");
        }
        network = Network.build(layers, new ai.djl.ndarray.types.Shape(exampleShape), 42, optimizer, l2);
        return this;
    }

    /** Layers, output shapes and parameter counts; the text form is an aligned table. */
    public Summary summary() {
        if (network == null) {
            throw new IllegalStateException("summary() needs to know the input: call input(28, 28) (the shape of one example) or train first.");
        }
        return network.summary();
    }

    /**
     * Trains on the data set's train split, validating after every epoch on its test split, or with
     * {@code validation(fraction)} on a share held out of the train split.
     */
    public History train(ImageDataSet data, TrainOption... options) {
        boolean holdsOut = TrainOption.resolve(options).validationFraction() > 0;
        return train(data.train(), holdsOut ? null : data.test(), options);
    }

    /** Trains on {@code data} without validation. */
    public History train(LabeledData data, TrainOption... options) {
        return train(data, null, options);
    }

    /** Trains on {@code data}, validating on {@code validation} after every epoch. */
    public History train(LabeledData data, LabeledData validation, TrainOption... options) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("This model has no layers: add some, for example model().dense(128).relu().dense(10).");
        }
        TrainingOptions resolved = TrainOption.resolve(options);
        if (resolved.validationFraction() > 0) {
            if (validation != null) {
                throw new IllegalArgumentException("validation(" + resolved.validationFraction() + ") holds out part of the "
                        + "training data, but validation data was given too: use one or the other.");
            }
            LabeledData[] parts = holdOut(data, resolved.validationFraction(), resolved.seed());
            data = parts[0];
            validation = parts[1];
        }
        classNames = data.classNames();
        if (network == null) {
            network = Network.build(layers, data.exampleShape(), resolved.seed(), optimizer, l2);
        } else if (!network.exampleShape().equals(data.exampleShape())) {
            throw new ShapeMismatchException("This model was built for examples of shape " + network.exampleShape()
                    + " but the data has examples of shape " + data.exampleShape() + ".");
        }
        if (resolved.checkpoint() != null) {
            resolved = withCheckpoints(resolved, options);
        }
        History history = TrainingLoop.run(network, data, validation, resolved);
        trainedEpochs.addAll(history.epochs());
        return history;
    }

    /** {training, validation}: a seeded random share {@code fraction} of {@code data} held out. */
    private static LabeledData[] holdOut(LabeledData data, double fraction, long seed) {
        int held = (int) Math.round(data.size() * fraction);
        if (held < 1 || held >= data.size()) {
            throw new IllegalArgumentException("validation(" + fraction + ") of " + data.size() + " examples leaves "
                    + (data.size() - held) + " to train on and " + held + " to validate: give more data or another share.");
        }
        int[] order = Permutation.of(data.size(), new java.util.Random(seed ^ 0x5DEECE66DL));
        int trainSize = data.size() - held;
        return new LabeledData[] {
            data.select(java.util.Arrays.copyOfRange(order, 0, trainSize)),
            data.select(java.util.Arrays.copyOfRange(order, trainSize, order.length))
        };
    }

    /** The options with a progress listener that also saves the model at the end of epochs. */
    private TrainingOptions withCheckpoints(TrainingOptions resolved, TrainOption... options) {
        ProgressListener user = resolved.progress();
        java.nio.file.Path file = resolved.checkpoint();
        boolean bestOnly = resolved.checkpointBestOnly();
        List<EpochRecord> epochsSoFar = new ArrayList<>(trainedEpochs);
        ProgressListener saving = new ProgressListener() {
            private double best = Double.POSITIVE_INFINITY;

            @Override
            public void onBatch(dev.djinn.dsl.train.BatchProgress progress) {
                user.onBatch(progress);
            }

            @Override
            public void onEpoch(EpochRecord record, int epochs) {
                user.onEpoch(record, epochs);
                epochsSoFar.add(record);
                if (!bestOnly || record.monitoredLoss() < best) {
                    best = Math.min(best, record.monitoredLoss());
                    save(file, epochsSoFar);
                }
            }

            @Override
            public void onEnd(History history) {
                user.onEnd(history);
            }
        };
        TrainOption[] all = java.util.Arrays.copyOf(options, options.length + 1);
        all[options.length] = TrainOption.progress(saving);
        return TrainOption.resolve(all);
    }

    /**
     * Saves the model to one file: architecture, parameters, input shape, class names, optimizer, training history
     * and versions. Written atomically: a crash while saving leaves the previous file as it was.
     */
    public Path save(Path file) {
        return save(file, trainedEpochs);
    }

    /** Saves with {@code epochs} as the recorded history (a checkpoint records the epochs trained so far). */
    private Path save(Path file, List<EpochRecord> epochs) {
        Network built = requireTrained("save");
        for (Layer layer : layers) {
            if (!LayerParser.isRebuildable(layer.description())) {
                throw new IllegalStateException("save: layer \"" + layer.description() + "\" was added with add(Block) and "
                        + "cannot be rebuilt from a file; save its parameters with DJL, or use Djinn's own layers.");
            }
        }
        JsonObject description = new JsonObject();
        description.addProperty("format", ModelFile.FORMAT);
        description.addProperty("version", ModelFile.VERSION);
        description.addProperty("djinn", dev.djinn.Djinn.version());
        description.addProperty("djl", dev.djinn.Djinn.djlVersion());
        JsonArray layerArray = new JsonArray();
        layers.forEach(layer -> layerArray.add(layer.description()));
        description.add("layers", layerArray);
        JsonArray shape = new JsonArray();
        for (long dimension : built.exampleShape().getShape()) {
            shape.add(dimension);
        }
        description.add("inputShape", shape);
        JsonArray names = new JsonArray();
        classNames.forEach(names::add);
        description.add("classNames", names);
        description.addProperty("optimizer", optimizer.toString());
        description.addProperty("l2", l2);
        description.add("history", ModelFile.epochs(epochs));
        ModelFile.save(file, description, ModelFile.parameterBytes(built::saveParameters));
        return file;
    }

    /** Loads a model saved with {@link #save}, without the code that built it. */
    public static Model load(Path file) {
        ModelFile.Contents contents = ModelFile.read(file);
        JsonObject description = contents.description();
        Model model = LayerParser.rebuild(ModelFile.strings(description.getAsJsonArray("layers")));
        long[] shape = new long[description.getAsJsonArray("inputShape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = description.getAsJsonArray("inputShape").get(i).getAsLong();
        }
        model.classNames = ModelFile.strings(description.getAsJsonArray("classNames"));
        try (java.io.DataInputStream in = ModelFile.parameterStream(contents.parameters())) {
            model.network = Network.build(model.layers, new ai.djl.ndarray.types.Shape(shape), 42, model.optimizer, model.l2, in);
        } catch (java.io.IOException | RuntimeException e) {
            throw new ModelFileException(file + " is damaged: " + e.getMessage() + ". Save the model again.", e);
        }
        return model;
    }

    /** Class names by label, from the data it was trained on (or its file). */
    public List<String> classNames() {
        return classNames;
    }

    /** Class probabilities for examples given as rows of numbers (each row flattened to the example's size). */
    public float[][] predict(float[][] examples) {
        Network built = requireTrained("predict");
        long size = built.exampleShape().size();
        for (int i = 0; i < examples.length; i++) {
            if (examples[i].length != size) {
                throw new ShapeMismatchException("predict: example " + i + " has " + examples[i].length
                        + " values but this model takes examples of shape " + built.exampleShape() + " (" + size + " values).");
            }
        }
        try (NDManager manager = built.manager().newSubManager()) {
            NDArray input = manager.create(examples).reshape(new Shape(examples.length).addAll(built.exampleShape()));
            NDArray probabilities = probabilities(built, input);
            float[][] rows = new float[examples.length][];
            for (int i = 0; i < examples.length; i++) {
                rows[i] = probabilities.get(i).toFloatArray();
            }
            return rows;
        }
    }

    /** Class probabilities for one example. */
    public float[] predict(float[] example) {
        return predict(new float[][] {example})[0];
    }

    /** Class probabilities for a batch (N, example shape…) or a single example; owned by the input's manager. */
    public NDArray predict(NDArray examples) {
        Network built = requireTrained("predict");
        NDArray batch = examples.getShape().equals(built.exampleShape()) ? examples.expandDims(0) : examples;
        if (!batch.getShape().slice(1).equals(built.exampleShape())) {
            throw new ShapeMismatchException("predict: got an array of shape " + examples.getShape()
                    + " but this model takes examples of shape " + built.exampleShape() + " (or batches of them).");
        }
        return probabilities(built, batch.toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
    }

    /** The most likely class of one example, with its name and probability. */
    public Prediction classify(float[] example) {
        return best(predict(example));
    }

    /** The most likely class of image {@code index} of {@code images}. */
    public Prediction classify(ImageSplit images, int index) {
        if (index < 0 || index >= images.size()) {
            throw new IndexOutOfBoundsException("classify: image " + index + " does not exist; the split has " + images.size() + " images (0 to " + (images.size() - 1) + ").");
        }
        float[] pixels = new float[images.rows() * images.cols()];
        for (int r = 0; r < images.rows(); r++) {
            for (int c = 0; c < images.cols(); c++) {
                pixels[r * images.cols() + c] = images.pixel(index, r, c) / 255f;
            }
        }
        return classify(pixels);
    }

    private Prediction best(float[] probabilities) {
        int label = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[label]) {
                label = i;
            }
        }
        String name = label < classNames.size() ? classNames.get(label) : String.valueOf(label);
        return new Prediction(label, name, probabilities[label]);
    }

    private static NDArray probabilities(Network built, NDArray batch) {
        return built.trainer().evaluate(new NDList(batch)).singletonOrThrow().softmax(-1);
    }

    private Network requireTrained(String what) {
        if (network == null) {
            throw new IllegalStateException(what + ": this model has not been trained yet: call train(data) first.");
        }
        return network;
    }

    /** Loss, accuracy, per-class precision / recall / F1 and the confusion matrix on {@code data}. */
    public Evaluation evaluate(LabeledData data) {
        if (network == null) {
            throw new IllegalStateException("This model has not been trained yet: call train(data) first.");
        }
        Scoring.Predictions predictions = Scoring.predict(network, data);
        return new Evaluation(data.classNames(), predictions.predicted(), predictions.actual(), predictions.meanLoss());
    }

    @Override
    public void close() {
        if (network != null) {
            network.close();
        }
    }

    @Override
    public String toString() {
        return "model: " + layers.stream().map(Layer::description).collect(Collectors.joining(" → "));
    }
}
