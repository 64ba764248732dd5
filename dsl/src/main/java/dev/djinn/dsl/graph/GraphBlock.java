package dev.djinn.dsl.graph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.djinn.dsl.layer.LayerSpec;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph of layers as one DJL block. Each layer spec is built once, as one child block, however many nodes apply it:
 * that is how shared layers share (and save once) their weights. It takes a batch of examples as data gives them,
 * (N, example shape…), and splits it into the graph's inputs.
 */
public final class GraphBlock extends AbstractBlock {
    private final Graph graph;
    private final Map<LayerSpec, Block> blocks = new IdentityHashMap<>();

    public GraphBlock(Graph graph) {
        this.graph = graph;
        int number = 0;
        for (Node node : graph.order()) {
            if (!blocks.containsKey(node.layer())) {
                Block block = addChildBlock(node.layer().getClass().getSimpleName() + number++, node.layer().block());
                blocks.put(node.layer(), block);
            }
        }
    }

    public Graph graph() {
        return graph;
    }

    /** The block that runs {@code node}'s layer (the same block for every node sharing a layer). */
    public Block blockOf(Node node) {
        return blocks.get(node.layer());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        Map<Node, NDList> values = new IdentityHashMap<>();
        List<NDArray> split = split(inputs);
        for (int i = 0; i < split.size(); i++) {
            values.put(graph.inputs().get(i), new NDList(split.get(i)));
        }
        for (Node node : graph.order()) {
            values.put(node, blocks.get(node.layer()).forward(parameterStore, inputsOf(node, values), training, params));
        }
        return new NDList(values.get(graph.output()).head());
    }

    /**
     * What a node's layer takes: all its one source gives (token vectors travel with their padding mask), or the
     * first output of each source when it merges branches.
     */
    private static NDList inputsOf(Node node, Map<Node, NDList> values) {
        if (node.from().size() == 1) {
            return values.get(node.from().get(0));
        }
        NDList in = new NDList();
        node.from().forEach(source -> in.add(values.get(source).head()));
        return in;
    }

    /** One array per input: given so, or sliced from the examples' values in the inputs' order. */
    private List<NDArray> split(NDList inputs) {
        List<Node> graphInputs = graph.inputs();
        if (inputs.size() == graphInputs.size()) {
            return inputs;
        }
        NDArray examples = inputs.singletonOrThrow();
        long batch = examples.getShape().get(0);
        NDArray flat = examples.reshape(batch, -1);
        List<NDArray> split = new ArrayList<>();
        long at = 0;
        for (Node input : graphInputs) {
            long size = input.inputShape().size();
            split.add(flat.get(new NDIndex(":, {}:{}", at, at + size)).reshape(new Shape(batch).addAll(input.inputShape())));
            at += size;
        }
        return split;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {shapes(inputShapes[0].get(0), null, null).get(graph.output())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        shapes(inputShapes[0].get(0), manager, dataType);
    }

    /** Every node's output shape for a batch of {@code batch}; with a manager, each block is initialized on first use. */
    public Map<Node, Shape> shapes(long batch, NDManager manager, DataType dataType) {
        Map<Node, Shape[]> all = new IdentityHashMap<>();
        graph.inputs().forEach(input -> all.put(input, new Shape[] {new Shape(batch).addAll(input.inputShape())}));
        for (Node node : graph.order()) {
            Shape[] in = node.from().size() == 1 ? all.get(node.from().get(0))
                    : node.from().stream().map(source -> all.get(source)[0]).toArray(Shape[]::new);
            Block block = blocks.get(node.layer());
            if (manager != null && !block.isInitialized()) {
                block.initialize(manager, dataType, in);
            }
            all.put(node, block.getOutputShapes(in));
        }
        Map<Node, Shape> shapes = new IdentityHashMap<>();
        all.forEach((node, outputs) -> shapes.put(node, outputs[0]));
        return shapes;
    }
}
