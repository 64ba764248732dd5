package dev.djinn.dsl.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import dev.djinn.dsl.data.DataSet;
import dev.djinn.dsl.data.ImageEncoding;
import dev.djinn.dsl.data.ImageSplit;
import dev.djinn.dsl.data.InputEncoding;
import dev.djinn.dsl.data.LabeledData;
import dev.djinn.dsl.data.Seed;
import dev.djinn.dsl.data.TableData;
import dev.djinn.dsl.data.TableEncoding;
import dev.djinn.dsl.data.TextData;
import dev.djinn.dsl.data.TextEncoding;
import dev.djinn.dsl.device.Devices;
import dev.djinn.dsl.evaluate.Evaluation;
import dev.djinn.dsl.graph.Graph;
import dev.djinn.dsl.graph.NamedInputs;
import dev.djinn.dsl.graph.Node;
import dev.djinn.dsl.layer.LayerBuilder;
import dev.djinn.dsl.layer.LayerSequence;
import dev.djinn.dsl.layer.LayerSpec;
import dev.djinn.dsl.serve.ModelServer;
import dev.djinn.dsl.serve.Predictor;
import dev.djinn.dsl.serve.ServeOptions;
import dev.djinn.dsl.train.CheckpointSaver;
import dev.djinn.dsl.train.EpochRecord;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.HoldOut;
import dev.djinn.dsl.train.LossFunction;
import dev.djinn.dsl.train.OptimizerSpec;
import dev.djinn.dsl.train.Scoring;
import dev.djinn.dsl.train.TrainOption;
import dev.djinn.dsl.train.TrainingLoop;
import dev.djinn.dsl.train.TrainingOptions;
import dev.djinn.dsl.train.TrainingSession;
import dev.djinn.dsl.text.MissingEncoderException;
import dev.djinn.dsl.text.PretrainedEncoder;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A network: layers one per call ({@code model().dense(128).relu()}) or a graph of them
 * ({@code model(List.of(a, b), out)}), trained on data whose shape it takes on first use. What it is made of
 * (its {@link Architecture}), its built block and weights ({@link BuiltNetwork}) and its training state
 * ({@link TrainingSession}, from the first {@code train}) are kept apart; this class holds the recipe and wires them.
 *
 * <pre>{@code
 * var net = model().dense(128).relu().dropout(0.2).dense(10);
 * History h = net.train(fashionMnist(), epochs(2));
 * }</pre>
 */
public final class Model implements LayerBuilder<Model>, LayerSequence, AutoCloseable {
    private final List<LayerSpec> layers = new ArrayList<>();
    private Graph graph;
    private OptimizerSpec optimizer = OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 1e-3);
    private float l1;
    private float l2;
    private LossFunction loss;
    private List<Device> devices;
    private List<String> classNames = List.of();
    private InputEncoding encoding = InputEncoding.NONE;
    private TrainingOptions lastOptions;
    private final List<EpochRecord> trainedEpochs = new ArrayList<>();
    /** The block and weights, once the example shape is known (input(), train, load). */
    private BuiltNetwork network;
    /** Whether the weights are worth keeping: trained, or read from a file (not only drawn for a summary). */
    private boolean hasWeights;
    private TrainingSession session;

    /** A model whose layers are wired as a graph from named inputs to one output. */
    public static Model of(List<Node> inputs, Node output) {
        Model model = new Model();
        model.graph = Graph.of(inputs, output);
        return model;
    }

    /** The next layer (all of Djinn's layer methods come here). */
    @Override
    public Model then(LayerSpec layer) {
        if (graph != null) {
            throw new IllegalStateException("This model is a graph: add " + layer.text() + " to its output node before model(inputs, output).");
        }
        if (network != null) {
            throw new IllegalStateException("This model has been built: layers cannot be added any more. Build a new model().");
        }
        layers.add(Objects.requireNonNull(layer, "then(null): give a layer"));
        return this;
    }

    /** These layers applied to a graph node; applying the same model at two nodes shares its weights. */
    public Node on(Node input) {
        requireLayers();
        return input.then(layers);
    }

    /** The layers of a sequential model, as typed specs. */
    @Override
    public List<LayerSpec> layerSpecs() {
        if (graph != null) {
            return graph.order().stream().map(Node::layer).filter(layer -> !layer.added()).collect(Collectors.toList());
        }
        return Collections.unmodifiableList(layers);
    }

    /** The graph of a model made with {@code model(inputs, output)}; null for a sequential one. */
    public Graph graph() {
        return graph;
    }

    private Architecture architecture() {
        return graph != null ? new Architecture.OfGraph(graph) : new Architecture.Sequence(layers);
    }

    /** The optimizer (default {@code adam(1e-3)}): {@code optimizer(sgd(0.1).momentum(0.9))}. Set it before training. */
    public Model optimizer(OptimizerSpec spec) {
        requireNoSession("optimizer(" + spec + ")");
        this.optimizer = Objects.requireNonNull(spec, "optimizer(null): give an optimizer such as adam(1e-3)");
        return this;
    }

    /**
     * The loss to minimise (default: picked from the data: class labels get {@code crossEntropy()}, numeric targets
     * {@code mse()}). Set it before training.
     */
    public Model loss(LossFunction loss) {
        requireNoSession("loss(" + loss + ")");
        this.loss = Objects.requireNonNull(loss, "loss(null): give a loss such as crossEntropy() or mse()");
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
        requireNoSession(name + "(" + lambda + ")");
    }

    /**
     * The devices to build and train on (default: the process-wide default, see {@code useDevices}); with several,
     * every batch is split across them. {@code device(gpu(0))}, {@code device(gpu(0), gpu(1))}, {@code device(cpu())}.
     */
    public Model device(Device... devices) {
        requireNoSession("device(...)");
        if (hasWeights) {
            throw new IllegalStateException("device(...) must come before the model has weights (trained or loaded): build a new model().");
        }
        this.devices = Devices.checked(List.of(devices));
        dropLookingOnlyNetwork();
        return this;
    }

    /** The devices this model runs on (the default until built on others). */
    public List<Device> devices() {
        return network != null ? network.devices() : devices != null ? devices : Devices.defaults();
    }

    /**
     * The training recipe (optimizer, loss, regularization) may change until the first train() in this session: a
     * summary does not fix it (Keras: build, summary, compile, fit in any order before fit).
     */
    private void requireNoSession(String what) {
        if (session != null) {
            throw new IllegalStateException(what + " must come before the first train(): this model is already built. Build a new model().");
        }
    }

    private void dropLookingOnlyNetwork() {
        if (network != null && !hasWeights) {
            network.close();
            network = null;
        }
    }

    /**
     * Builds the network for examples of this shape now (training does it from the data otherwise), so that
     * {@link #summary()} can show it. {@code input(28, 28)} for MNIST images, {@code input(4)} for 4 features.
     */
    public Model input(long... exampleShape) {
        requireLayers();
        Shape shape = new Shape(exampleShape);
        if (graph != null && !graph.exampleShape().equals(shape)) {
            throw new ShapeMismatchException("This graph's inputs make examples of shape " + graph.exampleShape() + ", not " + shape + ".");
        }
        if (hasWeights) {
            throw new IllegalStateException("This model is already built for examples of shape " + network.exampleShape() + ".");
        }
        dropLookingOnlyNetwork();
        network = build(shape, Seed.DEFAULT, null);
        return this;
    }

    private BuiltNetwork build(Shape exampleShape, long seed, BuiltNetwork.SavedParameters saved) {
        return BuiltNetwork.build(architecture(), exampleShape, seed, devices != null ? devices : Devices.defaults(), saved);
    }

    private void requireLayers() {
        if (layers.isEmpty() && graph == null) {
            throw new IllegalStateException("This model has no layers: add some, for example model().dense(128).relu().dense(10).");
        }
    }

    /** Layers, output shapes and parameter counts; the text form is an aligned table. */
    public Summary summary() {
        if (network == null && graph != null) {
            network = build(graph.exampleShape(), Seed.DEFAULT, null);
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
        data = forThisModel(data);
        validation = validation == null ? null : forThisModel(validation);
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
            validation = forThisModel(resolved.validationData());
        }
        if (fraction > 0) {
            HoldOut held = HoldOut.of(data, fraction, resolved.seed());
            data = held.train();
            validation = held.validation();
            validatedOn = held.description();
        }
        TrainingSession training = session(data, resolved);
        classNames = data.classNames();
        encoding = data.encoding();
        lastOptions = resolved;
        if (resolved.checkpoint() != null) {
            Path file = resolved.checkpoint();
            CheckpointSaver saver = new CheckpointSaver(resolved.progress(), resolved.checkpointBestOnly(), trainedEpochs,
                    epochs -> save(file, epochs));
            resolved = TrainOption.resolve(withOption(options, TrainOption.progress(saver)));
        }
        History history = run(training, data, validation, validatedOn, resolved);
        trainedEpochs.addAll(history.epochs());
        return history;
    }

    /** The training loop, on one PyTorch thread when this model's steps are small (see {@link TrainingThreads}). */
    private History run(TrainingSession training, LabeledData data, LabeledData validation, String validatedOn,
                        TrainingOptions options) {
        boolean oneThread = TrainingThreads.oneThread(summary(), options.batchSize(), devices());
        return TrainingThreads.run(oneThread, () -> TrainingLoop.run(training, data, validation, validatedOn, options));
    }

    private static TrainOption[] withOption(TrainOption[] options, TrainOption added) {
        TrainOption[] all = Arrays.copyOf(options, options.length + 1);
        all[options.length] = added;
        return all;
    }

    /**
     * Texts as this model reads them: once trained, with the tokenizer (and form) it was trained with; before, with a
     * pretrained encoder's own tokenizer when it has one (bert(miniLM()) reads MiniLM's token ids), cut at the data's
     * maxLength. Other data as it is.
     */
    private LabeledData forThisModel(LabeledData data) {
        if (data instanceof TableData table && hasWeights && encoding instanceof TableEncoding trained) {
            return table.encodedAs(trained, classNames);
        }
        if (!(data instanceof TextData text)) {
            return data;
        }
        if (hasWeights && encoding instanceof TextEncoding trained) {
            return text.encodedAs(trained);
        }
        Optional<PretrainedEncoder> source = architecture().specs().stream().map(LayerSpec::tokenizerSource).flatMap(Optional::stream).findFirst();
        return source.<LabeledData>map(encoder -> text.tokenizer(encoder.tokenizer(text.maxLength()))).orElse(text);
    }

    /** The training session, made on the first train (the network built for the data, the loss picked from it). */
    private TrainingSession session(LabeledData data, TrainingOptions options) {
        Shape shape = data.exampleShape();
        if (network != null && !network.exampleShape().equals(shape)) {
            throw new ShapeMismatchException((hasWeights ? "This model was built for examples of shape " + network.exampleShape()
                    : "This model was declared with input" + network.exampleShape()) + " but the data has examples of shape " + shape
                    + (hasWeights ? "." : ": call input() with the data's shape, or leave it out."));
        }
        if (session == null) {
            dropLookingOnlyNetwork(); // weights drawn for a summary: draw them again with the training seed
            BuiltNetwork built = network != null ? network : build(shape, options.seed(), null);
            LossFunction chosen = loss != null ? loss : LossFunction.defaultFor(data.hasClassLabels());
            try {
                check(built, chosen, data, options);
            } catch (RuntimeException e) {
                if (built != network) {
                    built.close();
                }
                throw e;
            }
            network = built;
            loss = chosen;
            session = TrainingSession.start(built.block(), built.manager(),
                    new TrainingSession.Recipe(optimizer, l1, l2, chosen, built.devices()));
        } else {
            check(network, session.loss(), data, options);
        }
        hasWeights = true;
        return session;
    }

    /** The loss, the metrics and the model's output fit the data; checked before the first step. */
    private static void check(BuiltNetwork built, LossFunction loss, LabeledData data, TrainingOptions options) {
        Shape output = built.outputShape();
        if (output.dimension() > 1) {
            // dense() works on the last axis: after conv2d or pooling without flatten() it keeps the image's axes
            throw new ShapeMismatchException("The model's output for one example has shape " + output + ", but training "
                    + "needs one row of numbers per example: add flatten() before the first dense layer after conv2d or "
                    + "pooling (summary() shows each layer's output shape).");
        }
        loss.check(data.hasClassLabels(), data.classNames().size(), data.targetWidth(), built.outputWidth());
        TrainingLoop.metrics(options, loss, data.classNames().size());
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

    /** Saves the model to the file of this name: {@code net.save("mnist.djinn")}. */
    public Path save(String file) {
        return save(Path.of(file));
    }

    /** Saves with {@code epochs} as the recorded history (a checkpoint records the epochs trained so far). */
    private Path save(Path file, List<EpochRecord> epochs) {
        BuiltNetwork built = requireTrained("save");
        Architecture architecture = built.architecture();
        if (!architecture.savable()) {
            throw new IllegalStateException("save: layer \"" + architecture.unsavableLayer() + "\" was added with add(Block) and "
                    + "cannot be rebuilt from a file; save its parameters with DJL, or use Djinn's own layers.");
        }
        ModelFile.Description description = new ModelFile.Description(architecture, built.exampleShape(), classNames,
                encoding, lossFunction(), optimizer, l1, l2, lastOptions, epochs);
        ModelFile.save(file, description, ModelFile.parameterBytes(built::saveParameters));
        return file;
    }

    /** Loads a model saved with {@link #save(Path)} from the file of this name. */
    public static Model load(String file) {
        return load(Path.of(file));
    }

    /** Loads a model saved with {@link #save}, without the code that built it. */
    public static Model load(Path file) {
        ModelFile.Contents contents = ModelFile.read(file);
        ModelFile.Description description;
        try {
            description = ModelFile.describe(contents.description());
        } catch (RuntimeException | StackOverflowError e) {
            throw new ModelFileException(file + " has a model description this Djinn cannot read (" + e.getMessage() + ").", e);
        }
        Model model = new Model();
        if (description.architecture() instanceof Architecture.OfGraph ofGraph) {
            model.graph = ofGraph.graph();
        } else {
            model.layers.addAll(((Architecture.Sequence) description.architecture()).layers());
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
            model.network = model.build(description.inputShape(), Seed.DEFAULT, contents.parameters());
        } catch (MissingEncoderException e) {
            throw new ModelFileException(file + " cannot be used: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelFileException(file + " is damaged: " + e.getMessage() + ". Save the model again.", e);
        }
        model.hasWeights = true;
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

    /** The loss this model trains with: set, picked from the data on the first train, or read from its file; null before. */
    public LossFunction lossFunction() {
        return loss;
    }

    /** The summary's text: what a served model tells GET /model. */
    public String describe() {
        return summary().toString();
    }

    /** Every parameter of the built network by DJL's name ("02Linear_weight"), in layer order. */
    public PairList<String, Parameter> parameters() {
        return requireBuilt("parameters").parameters();
    }

    /** The shape of one example, once the model is built. */
    public Shape exampleShape() {
        return requireBuilt("exampleShape").exampleShape();
    }

    /** A graph model's inputs by name with the shape of one example of each; empty for a sequential model. */
    public Map<String, Shape> namedInputs() {
        return graph == null || graph.inputs().size() < 2 ? Map.of() : graph.inputShapes();
    }

    /** Class probabilities (classifiers) or outputs (regression) for examples given as rows of numbers. */
    public float[][] predict(float[][] examples) {
        return inference("predict").predict(examples);
    }

    /** Class probabilities (classifiers) or outputs (regression) for one example. */
    public float[] predict(float[] example) {
        return predict(new float[][] {example})[0];
    }

    /** For one example of a graph model with several inputs, by input name: {@code predict(Map.of("a", a, "b", b))}. */
    public float[] predict(Map<String, float[]> inputs) {
        requireTrained("predict");
        return predict(NamedInputs.row(namedInputs(), inputs));
    }

    /** For a batch (N, example shape…) or a single example; owned by the input's manager. */
    public NDArray predict(NDArray examples) {
        return inference("predict").predict(examples);
    }

    /**
     * For every example of {@code data}, in its order (Keras' {@code predict} of a data set): {@code net.predict(data.test())}.
     * A table's or texts' data is encoded as the training data was.
     */
    public float[][] predict(LabeledData data) {
        BuiltNetwork built = requireTrained("predict");
        LabeledData encoded = forThisModel(data);
        requireExampleShape("predict", built, encoded);
        return Scoring.outputs(inference("predict"), encoded);
    }

    /** The most likely class of every example of {@code data}, in its order: {@code net.classify(data.test())}. */
    public List<Prediction> classify(LabeledData data) {
        Inference inference = inference("classify");
        return Arrays.stream(predict(data)).map(inference::best).collect(Collectors.toList());
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

    /** Class probabilities (classifiers) or outputs for a text, tokenized as the training texts were. */
    public float[] predict(String text) {
        return predict(List.of(text))[0];
    }

    /** For each text, tokenized as the training texts were. */
    public float[][] predict(List<String> texts) {
        TextEncoding text = textEncoding("predict");
        return inference("predict").predictFlat(text.encode(texts).values(), texts.size());
    }

    /** The most likely class of a text. */
    public Prediction classify(String text) {
        return inference("classify").best(predict(text));
    }

    /** The most likely class of each text. */
    public List<Prediction> classify(List<String> texts) {
        Inference inference = inference("classify");
        return Arrays.stream(predict(texts)).map(inference::best).collect(Collectors.toList());
    }

    TextEncoding textEncoding(String what) {
        requireTrained(what);
        if (!(encoding instanceof TextEncoding text)) {
            throw new IllegalStateException(what + "(text): this model was not trained on texts (its inputs are " + encoding
                    + "): give its examples as numbers instead.");
        }
        return text;
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
        try (NDManager manager = requireTrained("classify").manager().newSubManager()) {
            return classify(images.select(new int[] {index}).features(manager).toFloatArray());
        }
    }

    TableEncoding tableEncoding(String what) {
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

    Inference inference(String what) {
        return new Inference(requireTrained(what), lossFunction(), classNames);
    }

    private BuiltNetwork requireTrained(String what) {
        if (network == null || !hasWeights) {
            throw new IllegalStateException(what + ": this model has not been trained yet: call train(data) first.");
        }
        return network;
    }

    private static void requireExampleShape(String what, BuiltNetwork built, LabeledData data) {
        if (!built.exampleShape().equals(data.exampleShape())) {
            throw new ShapeMismatchException(what + ": this model takes examples of shape " + built.exampleShape()
                    + " but the data has examples of shape " + data.exampleShape() + ".");
        }
    }

    private BuiltNetwork requireBuilt(String what) {
        if (network == null) {
            throw new IllegalStateException(what + ": this model is not built yet: call input(…) with the shape of one example, or train(data).");
        }
        return network;
    }

    /**
     * Classifiers: loss, accuracy, top-k, per-class precision / recall / F1 and the confusion matrix on {@code data};
     * regression: loss, MSE, MAE and R².
     */
    public Evaluation evaluate(LabeledData data) {
        BuiltNetwork built = requireTrained("evaluate");
        data = forThisModel(data);
        requireExampleShape("evaluate", built, data);
        LossFunction scoredWith = lossFunction() != null ? lossFunction() : LossFunction.defaultFor(data.hasClassLabels());
        scoredWith.check(data.hasClassLabels(), data.classNames().size(), data.targetWidth(), built.outputWidth());
        Scoring.Predictions p = Scoring.predict(new Inference(built, scoredWith, classNames), data);
        if (p.outputs() != null) {
            return Evaluation.regression(p.outputs(), p.targets(), p.width(), p.meanLoss());
        }
        List<String> names = classNames.isEmpty() ? data.classNames() : classNames;
        return Evaluation.classifier(names, p.predicted(), p.actual(), p.labelRanks(), p.meanLoss());
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
        return ModelServer.start(predictor(), port, options);
    }

    /** What a server needs of this model; safe to use from several threads. Follows the model if it is trained again. */
    public Predictor predictor() {
        requireTrained("serve");
        return new ServedModel(this);
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @Override
    public String toString() {
        return "model: " + architecture().text();
    }
}
