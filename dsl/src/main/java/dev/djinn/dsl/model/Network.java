package dev.djinn.dsl.model;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.djinn.dsl.train.LearningRate;
import dev.djinn.dsl.train.LossFunction;
import dev.djinn.dsl.train.OptimizerSpec;
import dev.djinn.dsl.train.TrainableNetwork;
import ai.djl.Device;

import java.util.ArrayList;
import java.util.List;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/**
 * The DJL side of a model once it has seen data: the block, its parameters, the trainer and the manager that owns
 * the data tensors. Built on the first {@code train}; later calls continue from the same weights.
 */
public final class Network implements TrainableNetwork, AutoCloseable {
    private static final List<String> IMAGE_LAYERS = List.of("conv2d(", "maxPool2d(", "avgPool2d(", "batchNorm", "globalAvgPool");

    private final Model model;
    private final Trainer trainer;
    private final Recipe recipe;
    private final Shape exampleShape;
    private final List<String> descriptions;
    private final LearningRate learningRate;
    private long steps;

    /** How a network learns: optimizer, regularization, loss and devices. */
    public record Recipe(OptimizerSpec optimizer, float l1, float l2, LossFunction loss, List<Device> devices) {
    }

    private Network(Model model, Trainer trainer, Recipe recipe, Shape exampleShape, List<String> descriptions, LearningRate learningRate) {
        this.model = model;
        this.trainer = trainer;
        this.recipe = recipe;
        this.exampleShape = exampleShape;
        this.descriptions = descriptions;
        this.learningRate = learningRate;
    }

    /** The learning rate the next step will use. */
    @Override
    public float learningRate() {
        return learningRate.at(steps);
    }

    /** The rate of the last step taken. */
    @Override
    public float lastLearningRate() {
        return learningRate.at(Math.max(0, steps - 1));
    }

    /** Tells the schedule how many steps make an epoch. */
    @Override
    public void stepsPerEpoch(int steps) {
        learningRate.stepsPerEpoch(steps);
    }

    /** Updates the weights from the gradients collected, and counts the step. */
    @Override
    public void step() {
        trainer.step();
        steps++;
    }

    /** Saved weights, opened once the built architecture says which parameter shapes it needs. */
    interface SavedParameters {
        java.io.DataInputStream open(List<Shape> shapes, String architecture);
    }

    static Network build(List<Layer> layers, Shape exampleShape, long seed, Recipe recipe) {
        return build(layers, exampleShape, seed, recipe, null);
    }

    /**
     * Builds the network; with {@code savedParameters}, its weights are loaded before the trainer exists, because
     * DJL's trainer caches the parameter arrays it first sees.
     */
    static Network build(List<Layer> layers, Shape exampleShape, long seed, Recipe recipe, SavedParameters savedParameters) {
        Engine.getInstance().setRandomSeed((int) seed);
        SequentialBlock block = new SequentialBlock();
        List<String> descriptions = new ArrayList<>();
        for (Layer layer : withAdapters(layers, exampleShape)) {
            block.add(layer.block().get());
            descriptions.add(layer.description());
        }
        Model model = Model.newInstance("djinn", recipe.devices().get(0));
        model.setBlock(block);
        LearningRate rate = recipe.optimizer().newLearningRate();
        DefaultTrainingConfig config = new DefaultTrainingConfig(asDjlLoss(recipe.loss()))
                .optOptimizer(recipe.optimizer().build(recipe.l2(), rate))
                .optDevices(recipe.devices().toArray(new Device[0]));
        if (savedParameters != null) {
            try {
                block.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1).addAll(exampleShape));
                List<Shape> shapes = block.getParameters().values().stream().map(p -> p.getArray().getShape()).toList();
                block.loadParameters(model.getNDManager(), savedParameters.open(shapes, "the architecture for examples of shape " + exampleShape));
                // loaded arrays are new ones, without the gradient flag initialization gave: training on needs it
                for (var entry : block.getParameters()) {
                    if (entry.getValue().requiresGradient()) {
                        entry.getValue().getArray().setRequiresGradient(true);
                    }
                }
            } catch (java.io.IOException | ai.djl.MalformedModelException | RuntimeException e) {
                model.close();
                throw new IllegalArgumentException("the saved parameters do not fit the architecture (" + e.getMessage() + ")", e);
            }
            return new Network(model, withoutGradientSumCheck(model.newTrainer(config)), recipe, exampleShape, descriptions, rate);
        }
        Trainer trainer = withoutGradientSumCheck(model.newTrainer(config));
        try {
            trainer.initialize(new Shape(1).addAll(exampleShape));
        } catch (RuntimeException e) {
            trainer.close();
            model.close();
            throw ShapeWalk.explain(withAdapters(layers, exampleShape), exampleShape, e);
        }
        return new Network(model, trainer, recipe, exampleShape, descriptions, rate);
    }

    /**
     * The layers with the reshapes the data needs in front: dense layers take vectors (images are flattened);
     * convolutions want a channel axis ((N, H, W) grey-scale images to (N, 1, H, W), signals (N, L) to (N, 1, L));
     * recurrent layers want features per step ((N, T) to (N, T, 1)).
     */
    static List<Layer> withAdapters(List<Layer> layers, Shape exampleShape) {
        List<Layer> all = new ArrayList<>();
        String first = layers.get(0).description();
        if (exampleShape.dimension() > 1 && first.startsWith("dense(")) {
            all.add(new Layer("flatten (added for dense)", Blocks::batchFlattenBlock));
        }
        if (exampleShape.dimension() == 2 && IMAGE_LAYERS.stream().anyMatch(first::startsWith)
                || exampleShape.dimension() == 1 && first.startsWith("conv1d(")) {
            all.add(new Layer("channel axis (added)", () -> new LambdaBlock(list -> new NDList(list.singletonOrThrow().expandDims(1)), "addChannel")));
        }
        if (exampleShape.dimension() == 1 && (first.startsWith("lstm(") || first.startsWith("gru("))) {
            all.add(new Layer("feature axis (added)", () -> new LambdaBlock(list -> new NDList(list.singletonOrThrow().expandDims(2)), "addFeature")));
        }
        all.addAll(layers);
        return all;
    }

    /**
     * Turns off the check DJL's trainer makes on its first step, which fails when the gradients sum to zero: it adds
     * signed values, and softmax cross-entropy's gradients over a single dense layer sum to exactly zero, so
     * {@code model().dense(2)} on two examples would fail with "Gradient values are all zeros".
     */
    private static Trainer withoutGradientSumCheck(Trainer trainer) {
        try {
            java.lang.reflect.Field checked = Trainer.class.getDeclaredField("gradientsChecked");
            checked.setAccessible(true);
            checked.setBoolean(trainer, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another DJL version: its check, if any, stays on
        }
        return trainer;
    }

    /** DJL's trainer wants a Loss; ours computes it. */
    private static Loss asDjlLoss(LossFunction loss) {
        return new Loss(loss.toString()) {
            @Override
            public ai.djl.ndarray.NDArray evaluate(NDList labels, NDList predictions) {
                return loss.evaluate(labels.singletonOrThrow(), predictions.singletonOrThrow());
            }
        };
    }

    /** The shape of the model's output for one example. */
    public Shape outputShape() {
        return model.getBlock().getOutputShapes(new Shape[] {new Shape(1).addAll(exampleShape)})[0].slice(1);
    }

    /** λ·Σ|w| over the weights (not biases) on {@code device}, for L1 regularization; null without it. */
    @Override
    public ai.djl.ndarray.NDArray l1Penalty() {
        if (recipe.l1() == 0) {
            return null;
        }
        ai.djl.ndarray.NDArray total = null;
        for (var entry : model.getBlock().getParameters()) {
            Parameter parameter = entry.getValue();
            if (parameter.getType() == Parameter.Type.WEIGHT) {
                ai.djl.ndarray.NDArray sum = parameter.getArray().abs().sum();
                total = total == null ? sum : total.add(sum);
            }
        }
        return total == null ? null : total.mul(recipe.l1());
    }

    ai.djl.util.PairList<String, Parameter> parameters() {
        return model.getBlock().getParameters();
    }

    public Recipe recipe() {
        return recipe;
    }

    @Override
    public List<Device> devices() {
        return recipe.devices();
    }

    /** Each layer's output shape for a batch of one, and its parameter count. */
    Summary summary() {
        List<Summary.Row> rows = new ArrayList<>();
        Shape[] shapes = {new Shape(1).addAll(exampleShape)};
        List<Block> children = model.getBlock().getChildren().values();
        for (int i = 0; i < children.size(); i++) {
            Block child = children.get(i);
            shapes = child.getOutputShapes(shapes);
            long parameters = child.getParameters().values().stream()
                    .filter(Parameter::isInitialized).mapToLong(p -> p.getArray().size()).sum();
            rows.add(new Summary.Row(i + 1, descriptions.get(i), shapes[0].toString(), parameters));
        }
        return new Summary(rows, new Shape(1).addAll(exampleShape).toString());
    }

    void saveParameters(java.io.DataOutputStream out) throws java.io.IOException {
        model.getBlock().saveParameters(out);
    }

    private final java.util.Map<String, ai.djl.ndarray.NDArray> snapshot = new java.util.HashMap<>();

    /** Keeps a copy of every weight (for early stopping's "restore best"). */
    @Override
    public void snapshotWeights() {
        snapshot.values().forEach(ai.djl.ndarray.NDArray::close);
        snapshot.clear();
        for (var entry : model.getBlock().getParameters()) {
            snapshot.put(entry.getKey(), entry.getValue().getArray().duplicate());
        }
    }

    /** Puts the snapshot's values back, in place (the trainer keeps references to the weight arrays). */
    @Override
    public void restoreWeights() {
        for (var entry : model.getBlock().getParameters()) {
            ai.djl.ndarray.NDArray saved = snapshot.get(entry.getKey());
            if (saved != null) {
                entry.getValue().getArray().set(saved.toByteBuffer());
            }
        }
    }

    @Override
    public Trainer trainer() {
        return trainer;
    }

    @Override
    public LossFunction loss() {
        return recipe.loss();
    }

    @Override
    public NDManager manager() {
        return model.getNDManager();
    }

    public Shape exampleShape() {
        return exampleShape;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
