package dev.djinn.dsl.layer;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import com.google.gson.JsonElement;
import dev.djinn.dsl.text.BertShape;
import dev.djinn.dsl.text.FrozenEncoderBlock;
import dev.djinn.dsl.text.PoolingBlock;
import dev.djinn.dsl.text.PretrainedEncoder;
import dev.djinn.dsl.text.TextBlocks;
import dev.djinn.dsl.text.TokenEmbeddingBlock;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One layer as a typed value: it builds its DJL block, tells its output shape, prints itself as the user wrote it
 * ({@code dense(128)}) and saves itself as JSON ({@code {"layer": "dense", "units": 128}}). Its values are checked
 * when it is made, so a file with a bad value fails as a call with that value would.
 *
 * <p>A new kind of layer is one record here (sealed: the JSON reader finds it by its name) and one builder method in
 * {@link LayerBuilder}.
 */
public sealed interface LayerSpec {
    /** A fresh DJL block for this layer (a layer applied twice in a graph is built once and shares its weights). */
    Block block();

    /** The layer as the user wrote it: {@code dense(128)}, {@code residual[dense(8), relu]}. */
    String text();

    /** The shape this layer outputs for inputs of these shapes (batch axis included); DJL's error when it cannot. */
    default Shape outputShape(Shape... inputs) {
        Block block = block();
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, inputs);
            return block.getOutputShapes(inputs)[0];
        }
    }

    /** What the user should know when this layer cannot take {@code input} (empty: DJL's message says enough). */
    default String hint(Shape input) {
        return "";
    }

    /** The reshape this layer needs in front when it is the first and examples have {@code exampleShape}. */
    default Optional<Adapter> adapterFor(Shape exampleShape) {
        return Optional.empty();
    }

    /** Whether this layer merges two branches or more (add, concat) rather than taking one input. */
    default boolean merges() {
        return false;
    }

    /** Added by Djinn (an adapter), not asked for by the user: not counted when a shape error numbers the layers. */
    default boolean added() {
        return false;
    }

    /** Whether a saved model can rebuild this layer from its JSON (a custom DJL block cannot be). */
    default boolean savable() {
        return true;
    }

    /** Copies pretrained weights into this layer's block once it is initialized (bert(...)); most layers have none. */
    default void importWeights(Block built) {
    }

    /** The pretrained encoder whose tokenizer this layer's input must come from (bert, frozenEncoder), if any. */
    default Optional<PretrainedEncoder> tokenizerSource() {
        return Optional.empty();
    }

    /** Whether this layer outputs one vector per token with the texts' padding mask (embedding, encoders, bert). */
    default boolean givesTokenVectors() {
        return false;
    }

    /** Whether this layer takes token vectors with their mask (attention, encoders, cls, meanPool). */
    default boolean takesTokenVectors() {
        return false;
    }

    /**
     * Refuses {@code next} after {@code previous} when token vectors would reach a layer that takes one vector per
     * example: the sentence says to pool first.
     */
    static void requireFits(LayerSpec previous, LayerSpec next, String where) {
        if (previous.givesTokenVectors() && (next == null || !next.takesTokenVectors())) {
            throw new IllegalArgumentException((next == null ? "The model ends with " + previous.text() + ", which gives"
                    : next.text() + " " + where + " takes one vector per example but gets") + " one vector per token from "
                    + previous.text() + ": add cls() or meanPool() " + (next == null ? "and a head" : "before it")
                    + " to get one vector per text, for example model().bert(miniLM()).meanPool().dropout(0.1).dense(4).");
        }
    }

    /** Weights this layer uses but does not train (a frozen encoder's, run outside PyTorch). */
    default long frozenParameters() {
        return 0;
    }

    /** {@code {"layer": "dense", "units": 128}}. */
    default JsonElement toJson() {
        return LayerJson.write(this);
    }

    static LayerSpec fromJson(JsonElement json) {
        return LayerJson.read(json);
    }

    /** A fully connected layer with {@code units} outputs. */
    record Dense(int units) implements LayerSpec {
        public Dense {
            if (units < 1) {
                throw new IllegalArgumentException("dense(" + units + "): a dense layer needs at least one unit.");
            }
        }

        @Override
        public Block block() {
            return Linear.builder().setUnits(units).build();
        }

        @Override
        public String text() {
            return "dense(" + units + ")";
        }

        @Override
        public Optional<Adapter> adapterFor(Shape exampleShape) {
            return exampleShape.dimension() > 1 ? Optional.of(new Adapter(Adapter.Kind.FLATTEN_FOR_DENSE)) : Optional.empty();
        }
    }

    /** An activation function; {@code alpha} is leaky ReLU's slope below zero (0 for the others). */
    record Activation(Function function, double alpha) implements LayerSpec {
        /** The activations Djinn offers. */
        public enum Function { RELU, SIGMOID, TANH, GELU, SWISH, SOFTMAX, LEAKY_RELU }

        public Activation {
            if (function == null) {
                throw new IllegalArgumentException("an activation needs a function, one of " + List.of(Function.values()));
            }
            if (function == Function.LEAKY_RELU && !(alpha >= 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("leakyRelu(" + alpha + "): the slope below zero is a number from 0, such as 0.01.");
            }
        }

        @Override
        public Block block() {
            return LayerBlocks.activation(function, alpha);
        }

        @Override
        public String text() {
            return function == Function.LEAKY_RELU ? "leakyRelu(" + alpha + ")" : LayerJson.camelCase(function.name());
        }
    }

    /** Zeroes a share {@code rate} of the activations while training; does nothing when predicting. */
    record Dropout(double rate) implements LayerSpec {
        public Dropout {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("dropout(" + rate + "): the rate is the share of activations dropped, from 0 up to (not including) 1.");
            }
        }

        @Override
        public Block block() {
            return LayerBlocks.dropout(rate);
        }

        @Override
        public String text() {
            return "dropout(" + rate + ")";
        }
    }

    /** A 1-D or 2-D convolution with a square kernel, a stride and zero padding on every side. */
    record Conv(int dimensions, int filters, int kernel, int stride, int padding) implements LayerSpec {
        public Conv {
            if (dimensions != 1 && dimensions != 2) {
                throw new IllegalArgumentException("convolutions are 1-D or 2-D, not " + dimensions + "-D.");
            }
            if (filters < 1 || kernel < 1 || stride < 1 || padding < 0) {
                throw new IllegalArgumentException("conv" + dimensions + "d(" + filters + ", " + kernel + ", " + stride + ", " + padding
                        + "): filters, kernel and stride must be at least 1 and padding at least 0.");
            }
        }

        @Override
        public Block block() {
            return LayerBlocks.convolution(dimensions, filters, kernel, stride, padding);
        }

        @Override
        public String text() {
            return "conv" + dimensions + "d(" + filters + ", " + kernel + (stride != 1 || padding != 0 ? ", " + stride + ", " + padding : "") + ")";
        }

        @Override
        public String hint(Shape input) {
            return dimensions == 2 ? Pool.imagesHint(input) : "";
        }

        @Override
        public Optional<Adapter> adapterFor(Shape exampleShape) {
            return exampleShape.dimension() == dimensions ? Optional.of(new Adapter(Adapter.Kind.CHANNEL_AXIS)) : Optional.empty();
        }
    }

    /** Max or average pooling over {@code size × size} windows, stride {@code size}. */
    record Pool(Kind kind, int size) implements LayerSpec {
        /** Which value a window keeps. */
        public enum Kind { MAX, AVG }

        public Pool {
            if (kind == null || size < 1) {
                throw new IllegalArgumentException("pooling size " + size + ": windows are at least 1 × 1.");
            }
        }

        @Override
        public Block block() {
            return LayerBlocks.pool(kind == Kind.MAX, size);
        }

        @Override
        public String text() {
            return kind.name().toLowerCase() + "Pool2d(" + size + ")";
        }

        @Override
        public String hint(Shape input) {
            return imagesHint(input);
        }

        static String imagesHint(Shape input) {
            return input.dimension() < 4
                    ? ": 2-D convolutions and pooling take images (batch, channels, height, width); put them before flatten() and dense()" : "";
        }

        @Override
        public Optional<Adapter> adapterFor(Shape exampleShape) {
            return Adapter.channelsForImages(exampleShape);
        }
    }

    /** Averages each channel over its whole image: (N, C, H, W) to (N, C). */
    record GlobalAvgPool() implements LayerSpec {
        @Override
        public Block block() {
            return LayerBlocks.globalAvgPool();
        }

        @Override
        public String text() {
            return "globalAvgPool";
        }

        @Override
        public String hint(Shape input) {
            return input.dimension() != 4 ? ": globalAvgPool takes images (batch, channels, height, width)" : "";
        }

        @Override
        public Optional<Adapter> adapterFor(Shape exampleShape) {
            return Adapter.channelsForImages(exampleShape);
        }
    }

    /** Batch or layer normalization. */
    record Norm(Kind kind) implements LayerSpec {
        /** Over the batch (per channel) or over each example's last axis. */
        public enum Kind { BATCH, LAYER }

        public Norm {
            if (kind == null) {
                throw new IllegalArgumentException("a normalization needs a kind, BATCH or LAYER.");
            }
        }

        @Override
        public Block block() {
            return kind == Kind.BATCH ? BatchNorm.builder().build() : LayerNorm.builder().build();
        }

        @Override
        public String text() {
            return kind == Kind.BATCH ? "batchNorm" : "layerNorm";
        }

        @Override
        public Optional<Adapter> adapterFor(Shape exampleShape) {
            return kind == Kind.BATCH ? Adapter.channelsForImages(exampleShape) : Optional.empty();
        }
    }

    /**
     * Flattens each example to a vector. Images (channels, height, width) are read by height, then width, then
     * channel, as Keras reads them: Djinn keeps images channels-last in memory (see {@link ChannelsLast}), so this
     * order costs no copy. Models saved before that order was chosen read theirs channel first, and keep it.
     */
    record Flatten(Order order) implements LayerSpec {
        /** The order an image's values take in the vector. */
        public enum Order {
            HEIGHT_WIDTH_CHANNEL,
            /** The order of model files written before this field (format 1 text, and JSON without "order"). */
            CHANNEL_HEIGHT_WIDTH
        }

        public Flatten {
            order = order == null ? Order.CHANNEL_HEIGHT_WIDTH : order;
        }

        public Flatten() {
            this(Order.HEIGHT_WIDTH_CHANNEL);
        }

        @Override
        public Block block() {
            return order == Order.HEIGHT_WIDTH_CHANNEL ? ChannelsLast.flattenBlock() : Blocks.batchFlattenBlock();
        }

        @Override
        public String text() {
            return order == Order.HEIGHT_WIDTH_CHANNEL ? "flatten" : "flatten (channel first, as saved)";
        }
    }

    /** Token ids 0 … vocabulary-1, one per step (N, T), to learned vectors: (N, T, dimension). */
    record Embedding(int vocabulary, int dimension) implements LayerSpec {
        public Embedding {
            if (vocabulary < 1 || dimension < 1) {
                throw new IllegalArgumentException("embedding(" + vocabulary + ", " + dimension + "): the vocabulary and the dimension are at least 1.");
            }
        }

        @Override
        public Block block() {
            return LayerBlocks.embedding(vocabulary, dimension);
        }

        @Override
        public String text() {
            return "embedding(" + vocabulary + ", " + dimension + ")";
        }
    }

    /**
     * Token ids (N, T), -1 where padded, to vectors (N, T, dimension): a learned vector per token plus one per
     * position (up to {@code maxLength}), layer-normalized; the padding mask goes along for the layers after it.
     */
    record TokenEmbedding(int vocabulary, int dimension, int maxLength) implements LayerSpec {
        public TokenEmbedding {
            if (vocabulary < 1 || dimension < 1 || maxLength < 1) {
                throw new IllegalArgumentException("embedding(" + vocabulary + ", " + dimension + ", " + maxLength
                        + "): the vocabulary, the vector size and the longest text (in tokens) are at least 1.");
            }
        }

        @Override
        public boolean givesTokenVectors() {
            return true;
        }

        @Override
        public Block block() {
            return new TokenEmbeddingBlock(vocabulary, dimension, maxLength, 0, TextBlocks.LAYER_NORM_EPSILON);
        }

        @Override
        public String text() {
            return "embedding(" + vocabulary + ", " + dimension + ", " + maxLength + ")";
        }

        @Override
        public String hint(Shape input) {
            return textHint(input);
        }

        static String textHint(Shape input) {
            return input.dimension() != 2 ? ": it takes token ids (batch, tokens), as texts(...) and csv(...).text(...) give them" : "";
        }
    }

    /** Multi-head self-attention over token vectors (N, T, D), padding masked; keeps the shape. */
    record MultiHeadAttention(int heads) implements LayerSpec {
        public MultiHeadAttention {
            if (heads < 1) {
                throw new IllegalArgumentException("multiHeadAttention(" + heads + "): attention has at least one head.");
            }
        }

        @Override
        public boolean givesTokenVectors() {
            return true;
        }

        @Override
        public boolean takesTokenVectors() {
            return true;
        }

        @Override
        public Block block() {
            return TextBlocks.attention(heads, 0f);
        }

        @Override
        public String text() {
            return "multiHeadAttention(" + heads + ")";
        }
    }

    /** {@code layers} transformer encoder layers (BERT's: attention, then a GELU feed-forward of {@code feedForward} units). */
    record TransformerEncoder(int layers, int heads, int feedForward) implements LayerSpec {
        public TransformerEncoder {
            if (layers < 1 || heads < 1 || feedForward < 1) {
                throw new IllegalArgumentException("transformerEncoder(" + layers + ", " + heads + ", " + feedForward
                        + "): layers, heads and feed-forward units are at least 1.");
            }
        }

        @Override
        public boolean givesTokenVectors() {
            return true;
        }

        @Override
        public boolean takesTokenVectors() {
            return true;
        }

        @Override
        public Block block() {
            return TextBlocks.encoder(layers, heads, feedForward, TextBlocks.BERT_DROPOUT);
        }

        @Override
        public String text() {
            return "transformerEncoder(" + layers + ", " + heads + ", " + feedForward + ")";
        }
    }

    /** One vector per text from token vectors: the first token's ([CLS]) or the mean over its tokens, padding left out. */
    record SequencePool(PoolingBlock.Kind kind) implements LayerSpec {
        public SequencePool {
            if (kind == null) {
                throw new IllegalArgumentException("a sequence pooling needs a kind, CLS or MEAN.");
            }
        }

        @Override
        public boolean takesTokenVectors() {
            return true;
        }

        @Override
        public Block block() {
            return new PoolingBlock(kind);
        }

        @Override
        public String text() {
            return kind == PoolingBlock.Kind.CLS ? "cls" : "meanPool";
        }

        @Override
        public String hint(Shape input) {
            return input.dimension() != 3 ? ": it takes token vectors (batch, tokens, size), as embedding(...), transformerEncoder(...) or bert(...) give them" : "";
        }
    }

    /**
     * A pretrained BERT-shaped encoder rebuilt as trainable PyTorch layers, its weights imported from the ONNX file:
     * token ids to (vectors, mask); fine-tuned with the rest of the model. A saved model keeps the weights, not the file.
     */
    record Bert(PretrainedEncoder encoder, BertShape shape) implements LayerSpec {
        public Bert {
            if (encoder == null || shape == null) {
                throw new IllegalArgumentException("bert(null): give a pretrained encoder, such as miniLM().");
            }
        }

        @Override
        public boolean givesTokenVectors() {
            return true;
        }

        @Override
        public Block block() {
            return TextBlocks.bert(shape);
        }

        @Override
        public void importWeights(Block built) {
            encoder.weights().copyInto(built);
        }

        @Override
        public Optional<PretrainedEncoder> tokenizerSource() {
            return Optional.of(encoder);
        }

        @Override
        public String text() {
            return "bert(" + encoder.name() + ")";
        }

        @Override
        public String hint(Shape input) {
            return TokenEmbedding.textHint(input);
        }
    }

    /**
     * A pretrained encoder run by ONNX Runtime, not trained: token ids to one mean-pooled vector per text. A saved
     * model names its file and checksum (the file is not copied into it).
     */
    record FrozenEncoder(PretrainedEncoder encoder, int dimension, long weights, String sha256) implements LayerSpec {
        public FrozenEncoder {
            if (encoder == null || dimension < 1) {
                throw new IllegalArgumentException("frozenEncoder(null): give a pretrained encoder, such as miniLM().");
            }
        }

        @Override
        public Block block() {
            return new FrozenEncoderBlock(encoder.located(sha256), dimension);
        }

        @Override
        public Optional<PretrainedEncoder> tokenizerSource() {
            return Optional.of(encoder);
        }

        @Override
        public long frozenParameters() {
            return weights;
        }

        @Override
        public String text() {
            return "frozenEncoder(" + encoder.name() + ")";
        }

        @Override
        public String hint(Shape input) {
            return TokenEmbedding.textHint(input);
        }
    }

    /** An LSTM or GRU: stacked {@code layers}, optionally both directions, every step's output or the last state. */
    record Recurrent(Cell cell, int hidden, int layers, boolean bidirectional, boolean sequences) implements LayerSpec {
        /** The recurrent cell. */
        public enum Cell { LSTM, GRU }

        public Recurrent {
            if (cell == null || hidden < 1 || layers < 1) {
                throw new IllegalArgumentException((cell == null ? "a recurrent layer" : cell.name().toLowerCase()) + "(" + hidden + ", " + layers
                        + ", …): the state size and the number of layers are at least 1.");
            }
        }

        @Override
        public Block block() {
            return LayerBlocks.recurrent(cell == Cell.LSTM, hidden, layers, bidirectional, sequences);
        }

        @Override
        public String text() {
            String kind = cell.name().toLowerCase();
            return layers == 1 && !bidirectional && !sequences ? kind + "(" + hidden + ")"
                    : kind + "(" + hidden + ", " + layers + ", " + bidirectional + ", " + sequences + ")";
        }

        @Override
        public Optional<Adapter> adapterFor(Shape exampleShape) {
            return exampleShape.dimension() == 1 ? Optional.of(new Adapter(Adapter.Kind.FEATURE_AXIS)) : Optional.empty();
        }
    }

    /** A skip connection: x + f(x), where f is these layers and keeps the shape of x. */
    record Residual(List<LayerSpec> layers) implements LayerSpec {
        public Residual {
            if (layers == null || layers.isEmpty()) {
                throw new IllegalArgumentException("residual(model()): the block has no layers; give it some, such as model().dense(64).relu().dense(64).");
            }
            layers = List.copyOf(layers);
        }

        @Override
        public Block block() {
            return LayerBlocks.residual(layers.stream().map(LayerSpec::block).collect(Collectors.toList()));
        }

        @Override
        public String text() {
            return "residual[" + layers.stream().map(LayerSpec::text).collect(Collectors.joining(", ")) + "]";
        }

        @Override
        public boolean savable() {
            return layers.stream().allMatch(LayerSpec::savable);
        }
    }

    /** Adds its inputs element by element (a graph's merge of branches of the same shape). */
    record Add() implements LayerSpec {
        @Override
        public Block block() {
            return LayerBlocks.sum();
        }

        @Override
        public String text() {
            return "add";
        }

        @Override
        public boolean merges() {
            return true;
        }

        @Override
        public Shape outputShape(Shape... inputs) {
            for (Shape input : inputs) {
                if (!input.equals(inputs[0])) {
                    throw new IllegalArgumentException("add takes branches of one shape, got " + List.of(inputs));
                }
            }
            return inputs[0];
        }
    }

    /** Puts its inputs side by side along the last axis (a graph's merge of branches). */
    record Concat() implements LayerSpec {
        @Override
        public Block block() {
            return LayerBlocks.concatenation();
        }

        @Override
        public String text() {
            return "concat";
        }

        @Override
        public boolean merges() {
            return true;
        }

        @Override
        public Shape outputShape(Shape... inputs) {
            Shape first = inputs[0];
            long width = 0;
            for (Shape input : inputs) {
                if (input.dimension() != first.dimension() || !input.slice(0, input.dimension() - 1).equals(first.slice(0, first.dimension() - 1))) {
                    throw new IllegalArgumentException("concat takes branches that differ only in their last axis, got " + List.of(inputs));
                }
                width += input.get(input.dimension() - 1);
            }
            return first.slice(0, first.dimension() - 1).add(width);
        }
    }

    /** Any DJL block, used as it is: it cannot be saved (its construction is not known). */
    record Custom(Block block) implements LayerSpec {
        public Custom {
            if (block == null) {
                throw new IllegalArgumentException("add(null): give a DJL block.");
            }
        }

        @Override
        public String text() {
            return block.getClass().getSimpleName();
        }

        @Override
        public boolean savable() {
            return false;
        }
    }

    /** A reshape Djinn puts in front of the first layer so that the data's examples fit it. */
    record Adapter(Kind kind) implements LayerSpec {
        /** Dense layers take vectors; convolutions a channel axis; recurrent layers features per step. */
        public enum Kind {
            FLATTEN_FOR_DENSE("flatten (added for dense)"),
            CHANNEL_AXIS("channel axis (added)"),
            FEATURE_AXIS("feature axis (added)");

            private final String text;

            Kind(String text) {
                this.text = text;
            }
        }

        public Adapter {
            if (kind == null) {
                throw new IllegalArgumentException("an adapter needs a kind, one of " + List.of(Kind.values()));
            }
        }

        /** (N, H, W) grey-scale images get their channel axis: (N, 1, H, W). */
        static Optional<Adapter> channelsForImages(Shape exampleShape) {
            return exampleShape.dimension() == 2 ? Optional.of(new Adapter(Kind.CHANNEL_AXIS)) : Optional.empty();
        }

        @Override
        public Block block() {
            switch (kind) {
                case FLATTEN_FOR_DENSE: return Blocks.batchFlattenBlock();
                case CHANNEL_AXIS: return LayerBlocks.newAxis(1, "addChannel");
                default: return LayerBlocks.newAxis(2, "addFeature");
            }
        }

        @Override
        public String text() {
            return kind.text;
        }

        @Override
        public boolean added() {
            return true;
        }
    }
}
