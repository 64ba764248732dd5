package dev.djinn.dsl.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import dev.djinn.dsl.data.DataSet;
import dev.djinn.dsl.data.ImageEncoding;
import dev.djinn.dsl.data.ImageSplit;
import dev.djinn.dsl.data.InputEncoding;
import dev.djinn.dsl.data.LabeledData;
import dev.djinn.dsl.data.Permutation;
import dev.djinn.dsl.data.TableEncoding;
import dev.djinn.dsl.device.Devices;
import dev.djinn.dsl.evaluate.Evaluation;
import dev.djinn.dsl.serve.ModelServer;
import dev.djinn.dsl.serve.Predictor;
import dev.djinn.dsl.serve.ServeOptions;
import dev.djinn.dsl.train.EpochRecord;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.LossFunction;
import dev.djinn.dsl.train.OptimizerSpec;
import dev.djinn.dsl.train.ProgressListener;
import dev.djinn.dsl.train.Scoring;
import dev.djinn.dsl.train.TrainOption;
import dev.djinn.dsl.train.TrainingLoop;
import dev.djinn.dsl.train.TrainingOptions;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A sequential network, built one layer per call and trained on data whose shape it takes on first use.
 *
 * <pre>{@code
 * var net = model().dense(128).relu().dropout(0.2).dense(10);
 * History h = net.train(fashionMnist(), epochs(2));
 * }</pre>
 */
public final class Model implements Predictor, AutoCloseable {
    private final List<Layer> layers = new ArrayList<>();
    private OptimizerSpec optimizer = OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 1e-3);
    private float l1;
    private float l2;
    private LossFunction loss;
    private List<Device> devices;
    private List<String> classNames = List.of();
    private InputEncoding encoding = InputEncoding.NONE;
    private TrainingOptions lastOptions;
    private final List<EpochRecord> trainedEpochs = new ArrayList<>();
    private Network network;
    /** The example shape given to input(); the network built for it only serves looking (summary) until training. */
    private Shape declaredInput;
    private boolean builtForLookingOnly;

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
        return convolution(2, filters, kernel, stride, padding);
    }

    /** A 1-D convolution over (channels, length) or (length) examples: {@code filters} outputs, stride 1, no padding. */
    public Model conv1d(int filters, int kernel) {
        return conv1d(filters, kernel, 1, 0);
    }

    /** A 1-D convolution with a stride and zero padding at both ends. */
    public Model conv1d(int filters, int kernel, int stride, int padding) {
        return convolution(1, filters, kernel, stride, padding);
    }

    private Model convolution(int dimensions, int filters, int kernel, int stride, int padding) {
        String name = "conv" + dimensions + "d";
        if (filters < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException(name + "(" + filters + ", " + kernel + ", " + stride + ", " + padding
                    + "): filters, kernel and stride must be at least 1 and padding at least 0.");
        }
        return add(name + "(" + filters + ", " + kernel + (stride != 1 || padding != 0 ? ", " + stride + ", " + padding : "") + ")",
                () -> LayerBlocks.convolution(dimensions, filters, kernel, stride, padding));
    }

    /** Token ids 0 … vocabulary-1 (one per step, (N, T)) to learned vectors of {@code dimension}: (N, T, dimension). */
    public Model embedding(int vocabulary, int dimension) {
        if (vocabulary < 1 || dimension < 1) {
            throw new IllegalArgumentException("embedding(" + vocabulary + ", " + dimension + "): the vocabulary and the dimension are at least 1.");
        }
        return add("embedding(" + vocabulary + ", " + dimension + ")", () -> LayerBlocks.embedding(vocabulary, dimension));
    }

    /** An LSTM over sequences (N, T, features) returning its last state (N, hidden), as Keras' LSTM(hidden). */
    public Model lstm(int hidden) {
        return lstm(hidden, 1, false, false);
    }

    /**
     * An LSTM with {@code layers} stacked layers, optionally {@code bidirectional} (state size doubles), returning every
     * step's output (N, T, hidden) when {@code sequences}, else the last state (N, hidden).
     */
    public Model lstm(int hidden, int layers, boolean bidirectional, boolean sequences) {
        return recurrent("lstm", hidden, layers, bidirectional, sequences);
    }

    /** A GRU over sequences (N, T, features) returning its last state (N, hidden). */
    public Model gru(int hidden) {
        return gru(hidden, 1, false, false);
    }

    /** A GRU with stacked layers, directions and sequence output as for {@link #lstm(int, int, boolean, boolean)}. */
    public Model gru(int hidden, int layers, boolean bidirectional, boolean sequences) {
        return recurrent("gru", hidden, layers, bidirectional, sequences);
    }

    private Model recurrent(String kind, int hidden, int layers, boolean bidirectional, boolean sequences) {
        if (hidden < 1 || layers < 1) {
            throw new IllegalArgumentException(kind + "(" + hidden + ", " + layers + ", …): the state size and the number of layers are at least 1.");
        }
        String description = layers == 1 && !bidirectional && !sequences ? kind + "(" + hidden + ")"
                : kind + "(" + hidden + ", " + layers + ", " + bidirectional + ", " + sequences + ")";
        return add(description, () -> LayerBlocks.recurrent(kind.equals("lstm"), hidden, layers, bidirectional, sequences));
    }

    /** A skip connection: x + block(x), where the block is a model's layers and keeps the shape of x. */
    public Model residual(Model block) {
        if (block.layers.isEmpty()) {
            throw new IllegalArgumentException("residual(model()): the block has no layers; give it some, such as model().dense(64).relu().dense(64).");
        }
        List<Layer> inner = List.copyOf(block.layers);
        return add("residual[" + inner.stream().map(Layer::description).collect(Collectors.joining(", ")) + "]",
                () -> LayerBlocks.residual(inner));
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

    /**
     * The loss to minimise (default: picked from the data: class labels get {@code crossEntropy()}, numeric targets
     * {@code mse()}). Set it before training.
     */
    public Model loss(LossFunction loss) {
        requireNotBuilt("loss(" + loss + ")");
        this.loss = java.util.Objects.requireNonNull(loss, "loss(null): give a loss such as crossEntropy() or mse()");
        return this;
    }

    /** L2 regularization of the weights with strength {@code lambda} (as weight decay). */
    public Model l2(double lambda) {
        requireStrength("l2", lambda);
        this.l2 = (float) lambda;
        return this;
    }

    /** L1 regularization: {@code lambda} times the sum of the weights' absolute values is added to the loss. */
    public Model l1(double lambda) {
        requireStrength("l1", lambda);
        this.l1 = (float) lambda;
        return this;
    }

    private void requireStrength(String name, double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException(name + "(" + lambda + "): the strength must be zero or more, such as 1e-4.");
        }
        requireNotBuilt(name + "(" + lambda + ")");
    }

    /**
     * The devices to build and train on (default: the process-wide default, see {@code useDevices}); with several,
     * every batch is split across them. {@code device(gpu(0))}, {@code device(gpu(0), gpu(1))}, {@code device(cpu())}.
     */
    public Model device(Device... devices) {
        requireNotBuilt("device(...)");
        this.devices = Devices.checked(List.of(devices));
        return this;
    }

    /** The devices this model runs on (the default until built on others). */
    public List<Device> devices() {
        return network != null ? network.devices() : devices != null ? devices : Devices.defaults();
    }

    /**
     * Settings of the training recipe may change until the first train(): a network built by input() only to show a
     * summary is dropped and built again with them when next needed (Keras: build, summary, compile, fit).
     */
    private void requireNotBuilt(String what) {
        if (network != null && builtForLookingOnly) {
            network.close();
            network = null;
            return;
        }
        if (network != null) {
            throw new IllegalStateException(what + " must come before the first train(): this model is already built. Build a new model().");
        }
    }

    /**
     * Builds the network for examples of this shape now (training does it from the data otherwise), so that
     * {@link #summary()} can show it. {@code input(28, 28)} for MNIST images, {@code input(4)} for 4 features.
     */
    public Model input(long... exampleShape) {
        if (network != null && !builtForLookingOnly) {
            throw new IllegalStateException("This model is already built for examples of shape " + network.exampleShape() + ".");
        }
        requireLayers();
        if (network != null) {
            network.close();
        }
        declaredInput = new Shape(exampleShape);
        buildForLooking();
        return this;
    }

    /** The loss is not known before the data is (a class label or a number?): the summary does not depend on it. */
    private void buildForLooking() {
        network = build(declaredInput, 42, loss != null ? loss : LossFunction.defaultFor(true), null);
        builtForLookingOnly = true;
    }

    private Network build(Shape exampleShape, long seed, LossFunction chosen, Network.SavedParameters parameters) {
        Network.Recipe recipe = new Network.Recipe(optimizer, l1, l2, chosen, devices != null ? devices : Devices.defaults());
        return Network.build(layers, exampleShape, seed, recipe, parameters);
    }

    private void requireLayers() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("This model has no layers: add some, for example model().dense(128).relu().dense(10).");
        }
    }

    /** Layers, output shapes and parameter counts; the text form is an aligned table. */
    public Summary summary() {
        if (network == null && declaredInput != null) {
            buildForLooking();
        }
        if (network == null) {
            throw new IllegalStateException("summary() needs to know the input: call input(28, 28) (the shape of one example) or train first.");
        }
        return network.summary();
    }

    /**
     * Trains on the data set's train split, validating after every epoch on a seeded 10% held out of it (the test
     * split never selects an epoch unless given with {@code validationData(data.test())}); {@code validation(0.2)}
     * holds out another share, {@code validation(0)} none.
     */
    public History train(DataSet data, TrainOption... options) {
        TrainingOptions resolved = TrainOption.resolve(options);
        boolean chosen = resolved.validationData() != null || resolved.choseValidationFraction();
        return train(data.train(), null, chosen ? options : withDefaultValidation(options));
    }

    private static TrainOption[] withDefaultValidation(TrainOption[] options) {
        TrainOption[] all = Arrays.copyOf(options, options.length + 1);
        all[options.length] = TrainOption.validation(TrainingOptions.DEFAULT_VALIDATION);
        return all;
    }

    /** Trains on {@code data}, without validation unless {@code validation(share)} or {@code validationData(...)} asks. */
    public History train(LabeledData data, TrainOption... options) {
        return train(data, null, options);
    }

    /** Trains on {@code data}, validating on {@code validation} after every epoch. */
    public History train(LabeledData data, LabeledData validation, TrainOption... options) {
        requireLayers();
        TrainingOptions resolved = TrainOption.resolve(options);
        double fraction = resolved.choseValidationFraction() ? resolved.validationFraction() : 0;
        int given = (validation != null ? 1 : 0) + (resolved.validationData() != null ? 1 : 0) + (fraction > 0 ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException("Validation was asked for twice (validation data passed to train, validationData(...), "
                    + "validation(" + fraction + ")): use one of them.");
        }
        String validatedOn = validation != null ? "the validation data passed to train"
                : resolved.validationData() != null ? "the data given to validationData(...)" : "";
        if (resolved.validationData() != null) {
            validation = resolved.validationData();
        }
        if (fraction > 0) {
            LabeledData[] parts = holdOut(data, fraction, resolved.seed());
            data = parts[0];
            validation = parts[1];
            validatedOn = Math.round(fraction * 100) + "% of the training data held out (seed " + resolved.seed() + ", "
                    + validation.size() + " examples)";
        }
        if (builtForLookingOnly) {
            if (!declaredInput.equals(data.exampleShape())) {
                throw new ShapeMismatchException("This model was declared with input" + declaredInput + " but the data has examples of shape "
                        + data.exampleShape() + ": call input() with the data's shape, or leave it out.");
            }
            if (network != null) {
                network.close(); // built with the default loss for looking; the data decides the loss now
                network = null;
            }
            builtForLookingOnly = false;
        }
        if (network == null) {
            LossFunction chosen = loss != null ? loss : LossFunction.defaultFor(data.hasClassLabels());
            Network built = build(data.exampleShape(), resolved.seed(), chosen, null);
            try {
                check(built, data, resolved);
            } catch (RuntimeException e) {
                built.close();
                throw e;
            }
            network = built;
        } else {
            if (!network.exampleShape().equals(data.exampleShape())) {
                throw new ShapeMismatchException("This model was built for examples of shape " + network.exampleShape()
                        + " but the data has examples of shape " + data.exampleShape() + ".");
            }
            check(network, data, resolved);
        }
        classNames = data.classNames();
        encoding = data.encoding();
        lastOptions = resolved;
        if (resolved.checkpoint() != null) {
            resolved = withCheckpoints(resolved, options);
        }
        History history = TrainingLoop.run(network, data, validation, validatedOn, resolved);
        trainedEpochs.addAll(history.epochs());
        return history;
    }

    /** The loss, the metrics and the model's output fit the data; checked before the first step. */
    private static void check(Network built, LabeledData data, TrainingOptions options) {
        Shape output = built.outputShape();
        built.loss().check(data.hasClassLabels(), data.classNames().size(), data.targetWidth(), output.isScalar() ? 1 : output.get(output.dimension() - 1));
        TrainingLoop.metrics(options, built.loss(), data.classNames().size());
    }

    /** {training, validation}: a seeded random share {@code fraction} of {@code data} held out. */
    private static LabeledData[] holdOut(LabeledData data, double fraction, long seed) {
        int held = (int) Math.round(data.size() * fraction);
        if (held < 1 || held >= data.size()) {
            throw new IllegalArgumentException("validation(" + fraction + ") of " + data.size() + " examples leaves "
                    + (data.size() - held) + " to train on and " + held + " to validate: give more data or another share.");
        }
        int[] order = Permutation.of(data.size(), new Random(seed ^ 0x5DEECE66DL));
        int trainSize = data.size() - held;
        return new LabeledData[] {
            data.select(Arrays.copyOfRange(order, 0, trainSize)),
            data.select(Arrays.copyOfRange(order, trainSize, order.length))
        };
    }

    /** The options with a progress listener that also saves the model at the end of epochs. */
    private TrainingOptions withCheckpoints(TrainingOptions resolved, TrainOption... options) {
        ProgressListener user = resolved.progress();
        Path file = resolved.checkpoint();
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
        TrainOption[] all = Arrays.copyOf(options, options.length + 1);
        all[options.length] = TrainOption.progress(saving);
        return TrainOption.resolve(all);
    }

    /** Every epoch this model has been trained for, across train calls (and before saving, for a loaded model). */
    public History history() {
        History history = new History();
        trainedEpochs.forEach(history::add);
        return history;
    }

    /**
     * Saves the model to one file: architecture, parameters, input shape, class names, input encoding (pixel scale,
     * or a table's standardization and categories), loss, optimizer, training options, history and versions. Written
     * atomically: a crash while saving leaves the previous file as it was.
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
        ModelFile.Description description = new ModelFile.Description(
                layers.stream().map(Layer::description).collect(Collectors.toList()), built.exampleShape(), classNames,
                encoding, built.loss(), optimizer, l1, l2, lastOptions, epochs);
        ModelFile.save(file, description, ModelFile.parameterBytes(built::saveParameters));
        return file;
    }

    /** Loads a model saved with {@link #save}, without the code that built it. */
    public static Model load(Path file) {
        ModelFile.Contents contents = ModelFile.read(file);
        ModelFile.Description description;
        Model model;
        try {
            description = ModelFile.describe(contents.description());
            model = LayerParser.rebuild(description.layers());
        } catch (RuntimeException | StackOverflowError e) {
            throw new ModelFileException(file + " has a model description this Djinn cannot read (" + e.getMessage() + ").", e);
        }
        model.classNames = description.classNames();
        model.encoding = description.encoding();
        model.optimizer = description.optimizer();
        model.l1 = description.l1();
        model.l2 = description.l2();
        model.loss = description.loss();
        model.trainedEpochs.addAll(description.history());
        model.lastOptions = description.training();
        try {
            model.network = model.build(description.inputShape(), 42, description.loss(), contents.parameters());
        } catch (RuntimeException e) {
            throw new ModelFileException(file + " is damaged: " + e.getMessage() + ". Save the model again.", e);
        }
        return model;
    }

    /** Class names by label, from the data it was trained on (or its file); empty for regression. */
    public List<String> classNames() {
        return classNames;
    }

    /** How raw inputs become features for this model (none, image pixels, a table's columns). */
    public InputEncoding encoding() {
        return encoding;
    }

    /** The loss this model was built with, or null before it is built without one being set. */
    public LossFunction lossFunction() {
        return network != null ? network.loss() : loss;
    }

    /** The summary's text: what a served model tells GET /model. */
    @Override
    public String describe() {
        return summary().toString();
    }

    /** Every parameter of the built network by DJL's name ("02Linear_weight"), in layer order. */
    public ai.djl.util.PairList<String, ai.djl.nn.Parameter> parameters() {
        return requireTrained("parameters").parameters();
    }

    /** The shape of one example, once the model is built. */
    public Shape exampleShape() {
        return requireTrained("exampleShape").exampleShape();
    }

    /** Class probabilities (classifiers) or outputs (regression) for examples given as rows of numbers. */
    public float[][] predict(float[][] examples) {
        return inference("predict").predict(examples);
    }

    /** Class probabilities (classifiers) or outputs (regression) for one example. */
    public float[] predict(float[] example) {
        return predict(new float[][] {example})[0];
    }

    /** For a batch (N, example shape…) or a single example; owned by the input's manager. */
    public NDArray predict(NDArray examples) {
        return inference("predict").predict(examples);
    }

    /** For every row of a table, encoded as the training table was (same columns, standardization, categories). */
    public float[][] predict(Table rows) {
        float[] flat = tableEncoding("predict").encode(rows);
        return inference("predict").predictFlat(flat, rows.rowCount());
    }

    /** For examples given by column name (as JSON objects give them), encoded as the training table was. */
    public float[][] predictRecords(List<Map<String, Object>> records) {
        TableEncoding table = tableEncoding("predict");
        float[][] rows = new float[records.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = table.encode(records.get(i));
        }
        return predict(rows);
    }

    /** For an image, resized and scaled as the training images were (grey-scale or RGB by the model's input). */
    public float[] predict(BufferedImage image) {
        return predict(imageEncoding().encode(image, exampleShape()));
    }

    /** The most likely class of one example, with its name and probability. */
    public Prediction classify(float[] example) {
        return inference("classify").best(predict(example));
    }

    /** The most likely class of an image. */
    public Prediction classify(BufferedImage image) {
        return inference("classify").best(predict(image));
    }

    /** The most likely class of each row of a table. */
    public List<Prediction> classify(Table rows) {
        Inference inference = inference("classify");
        return Arrays.stream(predict(rows)).map(inference::best).collect(Collectors.toList());
    }

    /** The most likely class of image {@code index} of {@code images}. */
    public Prediction classify(ImageSplit images, int index) {
        if (index < 0 || index >= images.size()) {
            throw new IndexOutOfBoundsException("classify: image " + index + " does not exist; the split has " + images.size() + " images (0 to " + (images.size() - 1) + ").");
        }
        // the split scales its own pixels, as it did for training
        try (ai.djl.ndarray.NDManager manager = requireTrained("classify").manager().newSubManager()) {
            return classify(images.select(new int[] {index}).features(manager).toFloatArray());
        }
    }

    private TableEncoding tableEncoding(String what) {
        requireTrained(what);
        if (!(encoding instanceof TableEncoding)) {
            throw new IllegalStateException(what + "(table): this model was not trained on a table (its inputs are "
                    + encoding + "), so it does not know which columns to read: give rows of numbers instead.");
        }
        return (TableEncoding) encoding;
    }

    private ImageEncoding imageEncoding() {
        requireTrained("predict");
        if (!(encoding instanceof ImageEncoding)) {
            throw new IllegalStateException("predict(image): this model was not trained on images (its inputs are "
                    + encoding + "): give its examples as numbers instead.");
        }
        return (ImageEncoding) encoding;
    }

    private Inference inference(String what) {
        return new Inference(requireTrained(what), classNames);
    }

    private Network requireTrained(String what) {
        if (network == null) {
            throw new IllegalStateException(what + ": this model has not been trained yet: call train(data) first.");
        }
        return network;
    }

    /**
     * Classifiers: loss, accuracy, top-k, per-class precision / recall / F1 and the confusion matrix on {@code data};
     * regression: loss, MSE, MAE and R².
     */
    public Evaluation evaluate(LabeledData data) {
        Network built = requireTrained("evaluate");
        if (!built.exampleShape().equals(data.exampleShape())) {
            throw new ShapeMismatchException("evaluate: this model takes examples of shape " + built.exampleShape()
                    + " but the data has examples of shape " + data.exampleShape() + ".");
        }
        built.loss().check(data.hasClassLabels(), data.classNames().size(), data.targetWidth(), built.outputShape().get(built.outputShape().dimension() - 1));
        Scoring.Predictions p = Scoring.predict(built, data);
        if (p.outputs() != null) {
            return Evaluation.regression(p.outputs(), p.targets(), p.width(), p.meanLoss());
        }
        List<String> names = classNames.isEmpty() ? data.classNames() : classNames;
        return new Evaluation(names, p.predicted(), p.actual(), p.labelRanks(), p.meanLoss());
    }

    /**
     * Serves this model over HTTP on {@code port} (0 picks a free one) at 127.0.0.1: {@code POST /predict},
     * {@code GET /health}, {@code GET /model}. Call {@code stop()} on the result to free the port.
     */
    public ModelServer serve(int port) {
        return serve(port, ServeOptions.defaults());
    }

    /** Serves with options: {@code serve(8080, ServeOptions.defaults().host("0.0.0.0").threads(8))}. */
    public ModelServer serve(int port, ServeOptions options) {
        requireTrained("serve");
        return ModelServer.start(this, port, options);
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
