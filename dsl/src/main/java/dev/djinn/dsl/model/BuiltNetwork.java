package dev.djinn.dsl.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * A model's architecture built for one example shape: the DJL block with its parameters, their shapes, the summary,
 * and inference. No trainer: training makes its own session on the first {@code train}. {@link #forward} is safe
 * from many threads at once (each call has its own parameter store and arrays).
 */
final class BuiltNetwork implements AutoCloseable {
    private final Architecture architecture;
    private final NDManager manager;
    private final Block block;
    private final Shape exampleShape;
    private final List<Device> devices;

    private BuiltNetwork(Architecture architecture, NDManager manager, Block block, Shape exampleShape, List<Device> devices) {
        this.architecture = architecture;
        this.manager = manager;
        this.block = block;
        this.exampleShape = exampleShape;
        this.devices = devices;
    }

    /** Saved weights, opened once the built architecture says which parameter shapes it needs. */
    interface SavedParameters {
        DataInputStream open(List<Shape> shapes, String architecture);
    }

    /** Builds and initializes the block (weights drawn with {@code seed}); with saved parameters, loads them. */
    static BuiltNetwork build(Architecture architecture, Shape exampleShape, long seed, List<Device> devices, SavedParameters saved) {
        Engine.getInstance().setRandomSeed((int) seed);
        NDManager manager = NDManager.newBaseManager(devices.get(0));
        Block block = architecture.block(exampleShape);
        try {
            block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(exampleShape));
        } catch (RuntimeException e) {
            manager.close();
            throw architecture.explain(exampleShape, e);
        }
        if (saved == null) {
            try {
                architecture.importWeights(block, exampleShape);
            } catch (RuntimeException e) {
                manager.close();
                throw e;
            }
        } else {
            try {
                List<Shape> shapes = block.getParameters().values().stream().map(p -> p.getArray().getShape()).toList();
                block.loadParameters(manager, saved.open(shapes, "the architecture for examples of shape " + exampleShape));
                // loaded arrays are new ones, without the gradient flag initialization gave: training on needs it
                for (var entry : block.getParameters()) {
                    if (entry.getValue().requiresGradient()) {
                        entry.getValue().getArray().setRequiresGradient(true);
                    }
                }
            } catch (IOException | MalformedModelException | RuntimeException e) {
                manager.close();
                throw new IllegalArgumentException("the saved parameters do not fit the architecture (" + e.getMessage() + ")", e);
            }
        }
        return new BuiltNetwork(architecture, manager, block, exampleShape, devices);
    }

    /** The model's raw output (logits, values) for a batch; the result belongs to the batch's manager. */
    NDArray forward(NDArray batch) {
        NDArray onDevice = batch.toDevice(devices.get(0), false);
        try (NDManager scratch = manager.newSubManager()) {
            NDArray output = block.forward(new ParameterStore(scratch, false), new NDList(onDevice), false).singletonOrThrow();
            output.attach(batch.getManager());
            return output;
        }
    }

    Block block() {
        return block;
    }

    /** The manager that owns the weights; data for this network goes in sub-managers of it. */
    NDManager manager() {
        return manager;
    }

    Shape exampleShape() {
        return exampleShape;
    }

    List<Device> devices() {
        return devices;
    }

    Architecture architecture() {
        return architecture;
    }

    /** The shape of the model's output for one example. */
    Shape outputShape() {
        return block.getOutputShapes(new Shape[] {new Shape(1).addAll(exampleShape)})[0].slice(1);
    }

    /** The width of the output's last axis (1 for a scalar output). */
    long outputWidth() {
        Shape output = outputShape();
        return output.isScalar() ? 1 : output.get(output.dimension() - 1);
    }

    PairList<String, Parameter> parameters() {
        return block.getParameters();
    }

    Summary summary() {
        return new Summary(architecture.rows(block, exampleShape), new Shape(1).addAll(exampleShape).toString());
    }

    void saveParameters(DataOutputStream out) throws IOException {
        block.saveParameters(out);
    }

    @Override
    public void close() {
        manager.close();
    }
}
