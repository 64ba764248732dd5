package dev.djinn.dsl.graph;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.djinn.dsl.layer.LayerSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model's layers wired as a graph: named inputs, layer nodes in an order where every node comes after those it
 * takes, one output. The adapters a layer needs right after an input (flatten for dense, a channel axis for
 * convolutions) are put in as nodes of their own. Several inputs take consecutive slices of each example's values, in
 * the order given, so data, training and serving see one array per example.
 */
public final class Graph {
    private final List<Node> inputs;
    private final Node output;
    private final List<Node> order;

    private Graph(List<Node> inputs, Node output, List<Node> order) {
        this.inputs = inputs;
        this.output = output;
        this.order = order;
    }

    /** The graph from {@code inputs} to {@code output}; every input must be used, every node must be reached. */
    public static Graph of(List<Node> inputs, Node output) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("model(inputs, output): give the graph's inputs, such as model(List.of(x), out).");
        }
        Set<String> names = new HashSet<>();
        for (Node input : inputs) {
            if (input == null || !input.isInput()) {
                throw new IllegalArgumentException("model(inputs, output): " + input + " is not an input; make inputs with input(\"name\", shape…).");
            }
            if (!names.add(input.inputName())) {
                throw new IllegalArgumentException("model(inputs, output): two inputs are named \"" + input.inputName() + "\"; give each its own name.");
            }
        }
        if (output == null || output.isInput()) {
            throw new IllegalArgumentException("model(inputs, output): the output must be a layer applied to the inputs, such as x.dense(1).");
        }
        Map<Node, Node> rewritten = new IdentityHashMap<>();
        inputs.forEach(input -> rewritten.put(input, input));
        List<Node> order = new ArrayList<>();
        Node newOutput = visit(output, rewritten, order, inputs);
        for (Node input : inputs) {
            boolean used = order.stream().anyMatch(node -> node.from().contains(input));
            if (!used) {
                throw new IllegalArgumentException("model(inputs, output): input \"" + input.inputName() + "\" is not used on the way to the output; leave it out or connect it.");
            }
        }
        return new Graph(List.copyOf(inputs), newOutput, List.copyOf(order));
    }

    /** Depth first from the output: a node is placed after every node it takes; adapters go in after inputs. */
    private static Node visit(Node node, Map<Node, Node> done, List<Node> order, List<Node> inputs) {
        Node known = done.get(node);
        if (known != null) {
            return known;
        }
        if (node.isInput()) {
            throw new IllegalArgumentException("model(inputs, output): the output needs input \"" + node.inputName()
                    + "\", which is not among the inputs given; add it to the list.");
        }
        List<Node> from = new ArrayList<>();
        for (Node source : node.from()) {
            from.add(visit(source, done, order, inputs));
        }
        if (from.size() == 1 && from.get(0).isInput()) {
            Optional<LayerSpec.Adapter> adapter = node.layer().adapterFor(from.get(0).inputShape());
            if (adapter.isPresent()) {
                Node adapted = Node.apply(adapter.get(), from);
                order.add(adapted);
                from = List.of(adapted);
            }
        }
        Node copy = Node.apply(node.layer(), from);
        order.add(copy);
        done.put(node, copy);
        return copy;
    }

    public List<Node> inputs() {
        return inputs;
    }

    public Node output() {
        return output;
    }

    /** The layer nodes, adapters included, each after the nodes it takes. */
    public List<Node> order() {
        return order;
    }

    /** The shape of one example as data gives it: the input's, or with several inputs all their values in a row. */
    public Shape exampleShape() {
        if (inputs.size() == 1) {
            return inputs.get(0).inputShape();
        }
        return new Shape(inputs.stream().mapToLong(input -> input.inputShape().size()).sum());
    }

    /** The first node where each layer spec (by identity) is applied: later ones share its weights. */
    public Map<LayerSpec, Node> firstUses() {
        Map<LayerSpec, Node> first = new IdentityHashMap<>();
        order.forEach(node -> first.putIfAbsent(node.layer(), node));
        return first;
    }

    /**
     * {@code {"inputs": [{"name": "a", "shape": [4]}], "nodes": [{"layer": {…}, "from": [0]}, {"shares": 1, "from": [2]}],
     * "output": 3}}: nodes numbered after the inputs; adapters left out (they are put in again on reading).
     */
    public JsonObject toJson() {
        Map<Node, Integer> index = new IdentityHashMap<>();
        int next = 0;
        JsonArray inputArray = new JsonArray();
        for (Node input : inputs) {
            index.put(input, next++);
            JsonObject json = new JsonObject();
            json.addProperty("name", input.inputName());
            JsonArray shape = new JsonArray();
            for (long size : input.inputShape().getShape()) {
                shape.add(size);
            }
            json.add("shape", shape);
            inputArray.add(json);
        }
        Map<LayerSpec, Integer> specAt = new IdentityHashMap<>();
        JsonArray nodes = new JsonArray();
        for (Node node : order) {
            if (node.layer().added()) {
                index.put(node, index.get(node.from().get(0)));
                continue;
            }
            JsonObject json = new JsonObject();
            Integer shared = specAt.get(node.layer());
            if (shared != null) {
                json.addProperty("shares", shared);
            } else {
                json.add("layer", node.layer().toJson());
                specAt.put(node.layer(), next);
            }
            JsonArray from = new JsonArray();
            node.from().forEach(source -> from.add(index.get(source)));
            json.add("from", from);
            index.put(node, next++);
            nodes.add(json);
        }
        JsonObject json = new JsonObject();
        json.add("inputs", inputArray);
        json.add("nodes", nodes);
        json.addProperty("output", index.get(output));
        return json;
    }

    /** Reads {@link #toJson()} back; shared layers are shared again. */
    public static Graph fromJson(JsonObject json) {
        List<Node> all = new ArrayList<>();
        List<Node> inputs = new ArrayList<>();
        for (JsonElement element : json.getAsJsonArray("inputs")) {
            JsonObject input = element.getAsJsonObject();
            JsonArray shapeJson = input.getAsJsonArray("shape");
            long[] shape = new long[shapeJson.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeJson.get(i).getAsLong();
            }
            Node node = Node.input(input.get("name").getAsString(), shape);
            inputs.add(node);
            all.add(node);
        }
        for (JsonElement element : json.getAsJsonArray("nodes")) {
            JsonObject node = element.getAsJsonObject();
            LayerSpec layer = node.has("shares") ? earlier(all, node.get("shares").getAsInt()).layer() : LayerSpec.fromJson(node.get("layer"));
            if (layer == null) {
                throw new IllegalArgumentException("a graph node shares the weights of an input, which has none");
            }
            List<Node> from = new ArrayList<>();
            for (JsonElement source : node.getAsJsonArray("from")) {
                from.add(earlier(all, source.getAsInt()));
            }
            all.add(Node.apply(layer, from));
        }
        return of(inputs, earlier(all, json.get("output").getAsInt()));
    }

    private static Node earlier(List<Node> nodes, int index) {
        if (index < 0 || index >= nodes.size()) {
            throw new IllegalArgumentException("a graph node refers to node " + index + ", which does not come before it");
        }
        return nodes.get(index);
    }

    /** The example's values split into one array per input, in order: sizes and names. */
    public Map<String, Shape> inputShapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        inputs.forEach(input -> shapes.put(input.inputName(), input.inputShape()));
        return shapes;
    }
}
