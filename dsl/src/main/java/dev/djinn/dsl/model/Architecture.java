package dev.djinn.dsl.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.djinn.dsl.graph.Graph;
import dev.djinn.dsl.graph.GraphBlock;
import dev.djinn.dsl.graph.Node;
import dev.djinn.dsl.layer.LayerSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a model is made of, apart from any weights: layers one after the other (the input shape comes from the data),
 * or a graph with named inputs. Either builds its DJL block, lists its summary rows, explains a shape error by
 * layer, and saves itself.
 */
sealed interface Architecture {
    /** The DJL block for examples of {@code exampleShape}. */
    Block block(Shape exampleShape);

    /** The summary's rows for the block built from this architecture, for a batch of one. */
    List<Summary.Row> rows(Block built, Shape exampleShape);

    /** Copies pretrained weights (bert(...)) into the initialized block; nothing for layers trained from scratch. */
    void importWeights(Block built, Shape exampleShape);

    /** The layers in the order they run (adapters left out). */
    List<LayerSpec> specs();

    /** The layer that cannot take its input, with both shapes, found by passing shapes through the layers. */
    ShapeMismatchException explain(Shape exampleShape, RuntimeException failure);

    /** The shape of one example this architecture was declared with; null when the data decides. */
    Shape declaredExampleShape();

    boolean savable();

    /** The first layer that cannot be saved, for the sentence that says so. */
    String unsavableLayer();

    JsonObject toJson();

    String text();

    static Architecture fromJson(JsonObject json) {
        if (json.has("graph")) {
            return new OfGraph(Graph.fromJson(json.getAsJsonObject("graph")));
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (JsonElement layer : JsonFields.array(json, "sequential")) {
            layers.add(LayerSpec.fromJson(layer));
        }
        return new Sequence(layers);
    }

    /** Layers in a row; the first gets the adapter the data's shape needs (flatten for dense, a channel axis…). */
    record Sequence(List<LayerSpec> layers) implements Architecture {
        public Sequence {
            layers = List.copyOf(layers);
        }

        /** The layers as built for examples of this shape, the adapter in front if one is needed. */
        List<LayerSpec> withAdapter(Shape exampleShape) {
            List<LayerSpec> all = new ArrayList<>();
            layers.get(0).adapterFor(exampleShape).ifPresent(all::add);
            all.addAll(layers);
            return all;
        }

        @Override
        public Block block(Shape exampleShape) {
            for (int i = 0; i < layers.size(); i++) {
                requireFits(layers.get(i), i + 1 < layers.size() ? layers.get(i + 1) : null, "at layer " + (i + 2));
            }
            SequentialBlock block = new SequentialBlock();
            withAdapter(exampleShape).forEach(layer -> block.add(layer.block()));
            return block;
        }

        @Override
        public List<Summary.Row> rows(Block built, Shape exampleShape) {
            List<LayerSpec> all = withAdapter(exampleShape);
            List<Summary.Row> rows = new ArrayList<>();
            Shape[] shapes = {new Shape(1).addAll(exampleShape)};
            List<Block> children = built.getChildren().values();
            for (int i = 0; i < children.size(); i++) {
                shapes = children.get(i).getOutputShapes(shapes);
                LayerSpec layer = all.get(i);
                rows.add(new Summary.Row(i + 1, layer.text(), shapes[0].toString(),
                        Summary.parameterCount(children.get(i)) + layer.frozenParameters(), "", layer.frozenParameters()));
            }
            return rows;
        }

        @Override
        public void importWeights(Block built, Shape exampleShape) {
            List<LayerSpec> all = withAdapter(exampleShape);
            List<Block> children = built.getChildren().values();
            for (int i = 0; i < children.size(); i++) {
                all.get(i).importWeights(children.get(i));
            }
        }

        @Override
        public List<LayerSpec> specs() {
            return layers;
        }

        @Override
        public ShapeMismatchException explain(Shape exampleShape, RuntimeException failure) {
            Shape shape = new Shape(1).addAll(exampleShape);
            int userLayer = 0;
            for (LayerSpec layer : withAdapter(exampleShape)) {
                userLayer += layer.added() ? 0 : 1;
                try {
                    shape = layer.outputShape(shape);
                } catch (RuntimeException e) {
                    return cannotTake(layer, "at layer " + userLayer, shape, shape.toString(), e);
                }
            }
            return new ShapeMismatchException("The model cannot be built for examples of shape " + exampleShape + ": " + failure.getMessage());
        }

        @Override
        public Shape declaredExampleShape() {
            return null;
        }

        @Override
        public boolean savable() {
            return layers.stream().allMatch(LayerSpec::savable);
        }

        @Override
        public String unsavableLayer() {
            return layers.stream().filter(layer -> !layer.savable()).map(LayerSpec::text).findFirst().orElse("");
        }

        @Override
        public JsonObject toJson() {
            JsonArray array = new JsonArray();
            layers.forEach(layer -> array.add(layer.toJson()));
            JsonObject json = new JsonObject();
            json.add("sequential", array);
            return json;
        }

        @Override
        public String text() {
            return layers.stream().map(LayerSpec::text).collect(Collectors.joining(" → "));
        }
    }

    /** A graph of layers with named inputs. */
    record OfGraph(Graph graph) implements Architecture {
        @Override
        public Block block(Shape exampleShape) {
            int number = graph.inputs().size();
            for (Node node : graph.order()) {
                number++;
                for (Node source : node.from()) {
                    // a merge (add, concat) takes one array per branch: token vectors must be pooled before it
                    requireFits(source.layer(), node.layer(), "at node #" + number);
                }
            }
            requireFits(graph.output().layer(), null, "");
            return new GraphBlock(graph);
        }

        @Override
        public List<Summary.Row> rows(Block built, Shape exampleShape) {
            GraphBlock block = (GraphBlock) built;
            Map<Node, Shape> shapes = block.shapes(1, null, null);
            Map<Node, Integer> numbers = new IdentityHashMap<>();
            Map<LayerSpec, Node> firstUses = graph.firstUses();
            List<Summary.Row> rows = new ArrayList<>();
            for (Node input : graph.inputs()) {
                numbers.put(input, numbers.size() + 1);
                rows.add(new Summary.Row(numbers.get(input), input.toString(), shapes.get(input).toString(), 0, ""));
            }
            for (Node node : graph.order()) {
                numbers.put(node, numbers.size() + 1);
                Node first = firstUses.get(node.layer());
                long parameters = Summary.parameterCount(block.blockOf(node));
                boolean shared = first != node; // counted at its first use; said where there are weights to share
                String from = node.from().stream().map(source -> "#" + numbers.get(source)).collect(Collectors.joining(", "));
                long frozen = shared ? 0 : node.layer().frozenParameters();
                rows.add(new Summary.Row(numbers.get(node), node.layer().text() + (shared && parameters > 0 ? " (shares #" + numbers.get(first) + ")" : ""),
                        shapes.get(node).toString(), shared ? 0 : parameters + frozen, from, frozen));
            }
            return rows;
        }

        @Override
        public void importWeights(Block built, Shape exampleShape) {
            GraphBlock block = (GraphBlock) built;
            graph.firstUses().forEach((layer, node) -> layer.importWeights(block.blockOf(node)));
        }

        @Override
        public List<LayerSpec> specs() {
            return graph.order().stream().map(Node::layer).toList();
        }

        @Override
        public ShapeMismatchException explain(Shape exampleShape, RuntimeException failure) {
            Map<Node, Shape> shapes = new IdentityHashMap<>();
            graph.inputs().forEach(input -> shapes.put(input, new Shape(1).addAll(input.inputShape())));
            int number = graph.inputs().size();
            for (Node node : graph.order()) {
                number++;
                Shape[] in = node.from().stream().map(shapes::get).toArray(Shape[]::new);
                try {
                    shapes.put(node, node.layer().outputShape(in));
                } catch (RuntimeException e) {
                    return cannotTake(node.layer(), "at node #" + number, in[0],
                            in.length == 1 ? in[0].toString() : Arrays.stream(in).map(Shape::toString).collect(Collectors.joining(" and ")), e);
                }
            }
            return new ShapeMismatchException("The model cannot be built: " + failure.getMessage());
        }

        @Override
        public Shape declaredExampleShape() {
            return graph.exampleShape();
        }

        @Override
        public boolean savable() {
            return graph.order().stream().allMatch(node -> node.layer().savable());
        }

        @Override
        public String unsavableLayer() {
            return graph.order().stream().map(Node::layer).filter(layer -> !layer.savable()).map(LayerSpec::text).findFirst().orElse("");
        }

        @Override
        public JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.add("graph", graph.toJson());
            return json;
        }

        @Override
        public String text() {
            return "graph of " + graph.order().size() + " layers from " + graph.inputs().stream().map(Node::inputName).collect(Collectors.joining(", "));
        }
    }

    /** {@link LayerSpec#requireFits} as a shape error; an input node (no layer) fits anything. */
    private static void requireFits(LayerSpec previous, LayerSpec next, String where) {
        if (previous == null) {
            return;
        }
        try {
            LayerSpec.requireFits(previous, next, where);
        } catch (IllegalArgumentException e) {
            throw new ShapeMismatchException(e.getMessage());
        }
    }

    private static ShapeMismatchException cannotTake(LayerSpec layer, String where, Shape input, String inputs, RuntimeException e) {
        return new ShapeMismatchException(layer.text() + " " + where + " cannot take input of shape " + inputs + " (batch, …)"
                + layer.hint(input) + " [" + e.getMessage() + "]");
    }
}
