package dev.djinn.dsl.graph;

import ai.djl.ndarray.types.Shape;
import dev.djinn.dsl.layer.LayerBuilder;
import dev.djinn.dsl.layer.LayerSpec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A point of a graph of layers: a named input ({@code input("ids", 64)}), or a layer applied to earlier nodes. Layer
 * methods chain from a node as from a model ({@code x.dense(8).relu()}); merges are {@code add(a, b)} and
 * {@code concat(a, b)}. One spec value applied at two nodes is one layer with one set of weights (shared): apply the
 * same {@code LayerSpec}, or the same {@code model()}, twice.
 */
public final class Node implements LayerBuilder<Node> {
    private final String inputName;
    private final Shape inputShape;
    private final LayerSpec layer;
    private final List<Node> from;

    private Node(String inputName, Shape inputShape, LayerSpec layer, List<Node> from) {
        this.inputName = inputName;
        this.inputShape = inputShape;
        this.layer = layer;
        this.from = from;
    }

    /** An input of the graph: its name (a field of served JSON) and the shape of one example. */
    public static Node input(String name, long... shape) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("input(name, shape…): give the input a name, such as input(\"ids\", 64).");
        }
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("input(\"" + name + "\", " + Arrays.toString(shape)
                    + "): give the shape of one example, every size at least 1, such as input(\"" + name + "\", 64).");
        }
        return new Node(name, new Shape(shape), null, List.of());
    }

    /** {@code layer} applied to the outputs of {@code inputs} (several only for merges such as add and concat). */
    public static Node apply(LayerSpec layer, List<Node> inputs) {
        Objects.requireNonNull(layer, "apply(null, …): give a layer");
        if (inputs.isEmpty() || inputs.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(layer.text() + " needs input nodes, such as input(\"x\", 4).");
        }
        boolean merge = layer.merges();
        if (merge && inputs.size() < 2) {
            throw new IllegalArgumentException(layer.text() + "(…) merges two branches or more; it got " + inputs.size() + ".");
        }
        if (!merge && inputs.size() != 1) {
            throw new IllegalArgumentException(layer.text() + " takes one input; merge branches first with add(a, b) or concat(a, b).");
        }
        return new Node(null, null, layer, List.copyOf(inputs));
    }

    @Override
    public Node then(LayerSpec layer) {
        return apply(layer, List.of(this));
    }

    /** Applies these layers in turn (a sequential model's): {@code encoder.on(x)}. */
    public Node then(List<LayerSpec> layers) {
        Node node = this;
        for (LayerSpec layer : layers) {
            node = node.then(layer);
        }
        return node;
    }

    public boolean isInput() {
        return layer == null;
    }

    /** The input's name; null for a layer node. */
    public String inputName() {
        return inputName;
    }

    /** The shape of one example of this input; null for a layer node. */
    public Shape inputShape() {
        return inputShape;
    }

    /** The layer applied here; null for an input. */
    public LayerSpec layer() {
        return layer;
    }

    /** The nodes whose outputs this layer takes. */
    public List<Node> from() {
        return from;
    }

    @Override
    public String toString() {
        return isInput() ? "input(\"" + inputName + "\", " + inputShape.toString().replaceAll("[()]", "") + ")"
                : layer.text() + " ← " + from.size() + " node" + (from.size() == 1 ? "" : "s");
    }
}
