package dev.djinn.dsl.text;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A BERT-shaped encoder's weights read from an exported ONNX file, under HuggingFace's names
 * ({@code encoder.layer.0.attention.self.query.weight}) and in PyTorch's layout. Exporters keep the names of biases
 * and normalizations but store linear weights transposed under generated names ({@code onnx::MatMul_787}); such a
 * weight is named after the bias added to its product, and transposed back.
 */
public final class BertWeights {
    private static final String[] PREFIXES = {"bert.", "model.", "roberta."};

    private final Map<String, OnnxGraph.Tensor> byName;
    private final BertShape shape;

    private BertWeights(Map<String, OnnxGraph.Tensor> byName, BertShape shape) {
        this.byName = byName;
        this.shape = shape;
    }

    /** Reads the weights of the encoder in {@code onnxFile}; {@code heads} 0 reads the head count from the graph. */
    public static BertWeights read(Path onnxFile, int heads) {
        OnnxGraph graph = OnnxGraph.read(onnxFile);
        Map<String, OnnxGraph.Tensor> named = named(graph);
        BertShape shape = shape(onnxFile, graph, named, heads);
        return new BertWeights(named, shape);
    }

    public BertShape shape() {
        return shape;
    }

    /** The encoder's weights by HuggingFace name (what {@link #copyInto} copies), in the file's order. */
    public Map<String, OnnxGraph.Tensor> weights() {
        Map<String, OnnxGraph.Tensor> weights = new LinkedHashMap<>();
        byName.forEach((name, tensor) -> {
            if ((name.startsWith("embeddings.") || name.startsWith("encoder.")) && (name.endsWith(".weight") || name.endsWith(".bias"))) {
                weights.put(name, tensor);
            }
        });
        return weights;
    }

    /** The weight called {@code name}; a sentence naming the file's weights when it has none such. */
    OnnxGraph.Tensor tensor(String name) {
        OnnxGraph.Tensor tensor = byName.get(name);
        if (tensor == null) {
            Set<String> some = new TreeSet<>(byName.keySet());
            throw new IllegalArgumentException("The ONNX encoder has no weight " + name + "; it is not BERT-shaped (it has "
                    + some.stream().limit(8).toList() + "…).");
        }
        return tensor;
    }

    /** Copies every weight into an encoder built by {@link TextBlocks#bert}, checking each shape. */
    public void copyInto(Block encoder) {
        List<Block> children = encoder.getChildren().values();
        TokenEmbeddingBlock embedding = (TokenEmbeddingBlock) children.get(0);
        set(embedding.tokens(), "embeddings.word_embeddings.weight");
        set(embedding.positions(), "embeddings.position_embeddings.weight");
        if (embedding.segments() != null) {
            set(embedding.segments(), "embeddings.token_type_embeddings.weight");
        }
        setNorm(embedding.norm(), "embeddings.LayerNorm");
        for (int i = 0; i < shape.layers(); i++) {
            EncoderLayerBlock layer = (EncoderLayerBlock) children.get(i + 1);
            String prefix = "encoder.layer." + i + ".";
            setLinear(layer.attention().query(), prefix + "attention.self.query");
            setLinear(layer.attention().key(), prefix + "attention.self.key");
            setLinear(layer.attention().value(), prefix + "attention.self.value");
            setLinear(layer.attention().output(), prefix + "attention.output.dense");
            setNorm(layer.attentionNorm(), prefix + "attention.output.LayerNorm");
            setLinear(layer.intermediate(), prefix + "intermediate.dense");
            setLinear(layer.output(), prefix + "output.dense");
            setNorm(layer.outputNorm(), prefix + "output.LayerNorm");
        }
    }

    private void setLinear(Linear linear, String name) {
        set(linear.getParameters().get("weight"), name + ".weight");
        set(linear.getParameters().get("bias"), name + ".bias");
    }

    private void setNorm(LayerNorm norm, String name) {
        set(norm.getParameters().get("gamma"), name + ".weight");
        set(norm.getParameters().get("beta"), name + ".bias");
    }

    private void set(Parameter parameter, String name) {
        OnnxGraph.Tensor tensor = tensor(name);
        NDArray array = parameter.getArray();
        long[] expected = array.getShape().getShape();
        if (!Arrays.equals(expected, tensor.dims())) {
            throw new IllegalArgumentException("The ONNX weight " + name + " has shape " + Arrays.toString(tensor.dims())
                    + " but the encoder built from its sizes needs " + Arrays.toString(expected) + ".");
        }
        array.set(FloatBuffer.wrap(tensor.values()));
    }

    /** Initializers by HuggingFace name, linear weights named after their bias and transposed to (out, in). */
    private static Map<String, OnnxGraph.Tensor> named(OnnxGraph graph) {
        Map<String, OnnxGraph.Tensor> named = new LinkedHashMap<>();
        graph.tensors().forEach((name, tensor) -> named.put(withoutPrefix(name), tensor));
        Map<String, OnnxGraph.Node> consumers = new HashMap<>();
        for (OnnxGraph.Node node : graph.nodes()) {
            node.inputs().forEach(input -> consumers.putIfAbsent(input, node));
        }
        for (OnnxGraph.Node node : graph.nodes()) {
            if (!node.opType().equals("MatMul") || node.inputs().size() != 2) {
                continue;
            }
            OnnxGraph.Tensor weight = graph.tensor(node.inputs().get(1));
            OnnxGraph.Node add = consumers.get(node.outputs().get(0));
            if (weight == null || weight.dims().length != 2 || add == null || !add.opType().equals("Add")) {
                continue;
            }
            add.inputs().stream().map(graph::tensor).filter(t -> t != null && t.name().endsWith(".bias")).findFirst().ifPresent(bias -> {
                String name = withoutPrefix(bias.name()).replaceAll("\\.bias$", ".weight");
                named.put(name, transposed(name, weight));
            });
        }
        return named;
    }

    private static String withoutPrefix(String name) {
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }

    private static OnnxGraph.Tensor transposed(String name, OnnxGraph.Tensor tensor) {
        int rows = (int) tensor.dims()[0];
        int columns = (int) tensor.dims()[1];
        float[] values = tensor.values();
        float[] result = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                result[c * rows + r] = values[r * columns + c];
            }
        }
        return new OnnxGraph.Tensor(name, new long[] {columns, rows}, result);
    }

    private static BertShape shape(Path file, OnnxGraph graph, Map<String, OnnxGraph.Tensor> named, int heads) {
        OnnxGraph.Tensor words = named.get("embeddings.word_embeddings.weight");
        OnnxGraph.Tensor positions = named.get("embeddings.position_embeddings.weight");
        OnnxGraph.Tensor intermediate = named.get("encoder.layer.0.intermediate.dense.bias");
        if (words == null || positions == null || intermediate == null) {
            throw new IllegalArgumentException(file + " is not a BERT-shaped encoder: it has no embeddings.word_embeddings, "
                    + "embeddings.position_embeddings or encoder.layer.0 weights.");
        }
        int dimension = (int) words.dims()[1];
        int layers = 0;
        while (named.containsKey("encoder.layer." + layers + ".output.dense.bias")) {
            layers++;
        }
        OnnxGraph.Tensor segments = named.get("embeddings.token_type_embeddings.weight");
        int found = heads > 0 ? heads : heads(graph, dimension);
        if (found < 1) {
            throw new IllegalArgumentException("Cannot tell how many attention heads " + file + " has: give the count, "
                    + "as in pretrained(onnxFile, tokenizerFile).heads(12).");
        }
        return new BertShape((int) words.dims()[0], dimension, layers, found, (int) intermediate.dims()[0], (int) positions.dims()[0],
                segments == null ? 0 : (int) segments.dims()[0], epsilon(graph));
    }

    /** The heads of the reshape (N, T, heads, size) that splits attention's vectors; 0 when the graph does not say. */
    private static int heads(OnnxGraph graph, int dimension) {
        Map<String, OnnxGraph.Node> producers = new HashMap<>();
        graph.nodes().forEach(node -> node.outputs().forEach(output -> producers.put(output, node)));
        for (OnnxGraph.Node node : graph.nodes()) {
            if (!node.opType().equals("Reshape") || node.inputs().size() < 2) {
                continue;
            }
            float[] target = constantValues(graph, producers, node.inputs().get(1));
            int n = target.length;
            if (n == 4 && target[2] > 1 && target[3] > 1 && target[2] * target[3] == dimension) {
                return (int) target[2];
            }
        }
        return 0;
    }

    /** A shape input's values where known: a constant, or a Concat of constants (unknown parts as -1). */
    private static float[] constantValues(OnnxGraph graph, Map<String, OnnxGraph.Node> producers, String name) {
        OnnxGraph.Tensor constant = graph.tensor(name);
        if (constant != null) {
            return constant.values();
        }
        OnnxGraph.Node producer = producers.get(name);
        if (producer == null || !producer.opType().equals("Concat")) {
            return new float[0];
        }
        float[] values = new float[producer.inputs().size()];
        for (int i = 0; i < values.length; i++) {
            OnnxGraph.Tensor part = graph.tensor(producer.inputs().get(i));
            values[i] = part != null && part.values().length == 1 ? part.values()[0] : -1;
        }
        return values;
    }

    /** The epsilon the first layer normalization adds to the variance (BERT: 1e-12). */
    private static float epsilon(OnnxGraph graph) {
        Set<String> means = new TreeSet<>();
        graph.nodes().stream().filter(node -> node.opType().equals("ReduceMean")).forEach(node -> means.addAll(node.outputs()));
        for (OnnxGraph.Node node : graph.nodes()) {
            if (node.opType().equals("Add") && node.inputs().size() == 2 && means.contains(node.inputs().get(0))) {
                OnnxGraph.Tensor constant = graph.tensor(node.inputs().get(1));
                if (constant != null && constant.values().length == 1 && constant.values()[0] > 0 && constant.values()[0] < 1e-3) {
                    return constant.values()[0];
                }
            }
        }
        return 1e-12f;
    }
}
