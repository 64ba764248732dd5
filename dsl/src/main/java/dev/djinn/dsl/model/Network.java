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
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import dev.djinn.dsl.train.OptimizerSpec;

import java.util.ArrayList;
import java.util.List;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/**
 * The DJL side of a model once it has seen data: the block, its parameters, the trainer and the manager that owns
 * the data tensors. Built on the first {@code train}; later calls continue from the same weights.
 */
public final class Network implements AutoCloseable {
    private static final List<String> IMAGE_LAYERS = List.of("conv2d(", "maxPool2d(", "avgPool2d(", "batchNorm");

    private final Model model;
    private final Trainer trainer;
    private final Loss loss;
    private final Shape exampleShape;
    private final List<String> descriptions;
    private final float learningRate;

    private Network(Model model, Trainer trainer, Loss loss, Shape exampleShape, List<String> descriptions, float learningRate) {
        this.model = model;
        this.trainer = trainer;
        this.loss = loss;
        this.exampleShape = exampleShape;
        this.descriptions = descriptions;
        this.learningRate = learningRate;
    }

    public float learningRate() {
        return learningRate;
    }

    static Network build(List<Layer> layers, Shape exampleShape, long seed, OptimizerSpec optimizer, float l2) {
        return build(layers, exampleShape, seed, optimizer, l2, null);
    }

    /**
     * Builds the network; with {@code savedParameters}, its weights are loaded before the trainer exists, because
     * DJL's trainer caches the parameter arrays it first sees.
     */
    static Network build(List<Layer> layers, Shape exampleShape, long seed, OptimizerSpec optimizer, float l2,
                         java.io.DataInputStream savedParameters) {
        Engine.getInstance().setRandomSeed((int) seed);
        SequentialBlock block = new SequentialBlock();
        List<String> descriptions = new ArrayList<>();
        String first = layers.get(0).description();
        if (exampleShape.dimension() > 1 && first.startsWith("dense(")) {
            block.add(Blocks.batchFlattenBlock()); // dense layers take vectors: images are flattened first
            descriptions.add("flatten (added for dense)");
        }
        if (exampleShape.dimension() == 2 && IMAGE_LAYERS.stream().anyMatch(first::startsWith)) {
            // grey-scale images come as (N, H, W); convolutions and pooling want a channel axis: (N, 1, H, W)
            block.add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().expandDims(1)), "addChannel"));
            descriptions.add("channel axis (added)");
        }
        for (Layer layer : layers) {
            block.add(layer.block().get());
            descriptions.add(layer.description());
        }
        Model model = Model.newInstance("djinn");
        model.setBlock(block);
        Loss loss = new SoftmaxCrossEntropyLoss("cross_entropy", 1, -1, true, true);
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(optimizer.build(l2));
        if (savedParameters != null) {
            try {
                block.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1).addAll(exampleShape));
                block.loadParameters(model.getNDManager(), savedParameters);
            } catch (java.io.IOException | ai.djl.MalformedModelException | RuntimeException e) {
                model.close();
                throw new IllegalArgumentException("the saved parameters do not fit the architecture (" + e.getMessage() + ")", e);
            }
            return new Network(model, model.newTrainer(config), loss, exampleShape, descriptions, optimizer.learningRate());
        }
        Trainer trainer = model.newTrainer(config);
        try {
            trainer.initialize(new Shape(1).addAll(exampleShape));
        } catch (RuntimeException e) {
            trainer.close();
            model.close();
            throw ShapeWalk.explain(layers, exampleShape, e);
        }
        return new Network(model, trainer, loss, exampleShape, descriptions, optimizer.learningRate());
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
    public void snapshotWeights() {
        snapshot.values().forEach(ai.djl.ndarray.NDArray::close);
        snapshot.clear();
        for (var entry : model.getBlock().getParameters()) {
            snapshot.put(entry.getKey(), entry.getValue().getArray().duplicate());
        }
    }

    /** Puts the snapshot's values back, in place (the trainer keeps references to the weight arrays). */
    public void restoreWeights() {
        for (var entry : model.getBlock().getParameters()) {
            ai.djl.ndarray.NDArray saved = snapshot.get(entry.getKey());
            if (saved != null) {
                entry.getValue().getArray().set(saved.toByteBuffer());
            }
        }
    }

    public Trainer trainer() {
        return trainer;
    }

    public Loss loss() {
        return loss;
    }

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
