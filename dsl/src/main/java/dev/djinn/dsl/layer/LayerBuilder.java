package dev.djinn.dsl.layer;

import ai.djl.nn.Block;
import dev.djinn.dsl.text.PoolingBlock;
import dev.djinn.dsl.text.PretrainedEncoder;

/**
 * The layer vocabulary, shared by a sequential model ({@code model().dense(128).relu()}) and a graph node
 * ({@code input("x", 4).dense(8).relu()}): each method makes a spec and passes it to {@link #then(LayerSpec)}.
 *
 * @param <T> what the calls chain on: the model, or the new graph node
 */
public interface LayerBuilder<T> {
    /** The next layer. */
    T then(LayerSpec layer);

    /** A fully connected layer with {@code units} outputs. */
    default T dense(int units) {
        return then(new LayerSpec.Dense(units));
    }

    default T relu() {
        return then(new LayerSpec.Activation(LayerSpec.Activation.Function.RELU, 0));
    }

    default T sigmoid() {
        return then(new LayerSpec.Activation(LayerSpec.Activation.Function.SIGMOID, 0));
    }

    default T tanh() {
        return then(new LayerSpec.Activation(LayerSpec.Activation.Function.TANH, 0));
    }

    default T gelu() {
        return then(new LayerSpec.Activation(LayerSpec.Activation.Function.GELU, 0));
    }

    default T swish() {
        return then(new LayerSpec.Activation(LayerSpec.Activation.Function.SWISH, 0));
    }

    /** ReLU with slope {@code alpha} below zero. */
    default T leakyRelu(double alpha) {
        return then(new LayerSpec.Activation(LayerSpec.Activation.Function.LEAKY_RELU, alpha));
    }

    /** Turns logits into probabilities; leave it out before crossEntropy(), which takes logits. */
    default T softmax() {
        return then(new LayerSpec.Activation(LayerSpec.Activation.Function.SOFTMAX, 0));
    }

    /** Zeroes a share {@code rate} of the activations while training; does nothing when predicting. */
    default T dropout(double rate) {
        return then(new LayerSpec.Dropout(rate));
    }

    /** A 2-D convolution: {@code filters} output channels, a square {@code kernel}, stride 1, no padding. */
    default T conv2d(int filters, int kernel) {
        return conv2d(filters, kernel, 1, 0);
    }

    /** A 2-D convolution with a stride and zero padding on every side ({@code kernel / 2} keeps the size). */
    default T conv2d(int filters, int kernel, int stride, int padding) {
        return then(new LayerSpec.Conv(2, filters, kernel, stride, padding));
    }

    /** A 1-D convolution over (channels, length) or (length) examples: {@code filters} outputs, stride 1, no padding. */
    default T conv1d(int filters, int kernel) {
        return conv1d(filters, kernel, 1, 0);
    }

    /** A 1-D convolution with a stride and zero padding at both ends. */
    default T conv1d(int filters, int kernel, int stride, int padding) {
        return then(new LayerSpec.Conv(1, filters, kernel, stride, padding));
    }

    /** Max pooling over {@code size × size} windows, stride {@code size}. */
    default T maxPool2d(int size) {
        return then(new LayerSpec.Pool(LayerSpec.Pool.Kind.MAX, size));
    }

    /** Average pooling over {@code size × size} windows, stride {@code size}. */
    default T avgPool2d(int size) {
        return then(new LayerSpec.Pool(LayerSpec.Pool.Kind.AVG, size));
    }

    /** Averages each channel over its whole image: (N, C, H, W) to (N, C). */
    default T globalAvgPool() {
        return then(new LayerSpec.GlobalAvgPool());
    }

    default T batchNorm() {
        return then(new LayerSpec.Norm(LayerSpec.Norm.Kind.BATCH));
    }

    default T layerNorm() {
        return then(new LayerSpec.Norm(LayerSpec.Norm.Kind.LAYER));
    }

    /** Flattens each example to a vector. */
    default T flatten() {
        return then(new LayerSpec.Flatten());
    }

    /** Token ids 0 … vocabulary-1 (one per step, (N, T)) to learned vectors of {@code dimension}: (N, T, dimension). */
    default T embedding(int vocabulary, int dimension) {
        return then(new LayerSpec.Embedding(vocabulary, dimension));
    }

    /**
     * Token ids (texts' features) to learned vectors of {@code dimension} plus learned positions for texts of up to
     * {@code maxLength} tokens: the start of a transformer, {@code embedding(data.vocabularySize(), 128, 64)}.
     */
    default T embedding(int vocabulary, int dimension, int maxLength) {
        return then(new LayerSpec.TokenEmbedding(vocabulary, dimension, maxLength));
    }

    /** Multi-head self-attention over token vectors, padding masked. */
    default T multiHeadAttention(int heads) {
        return then(new LayerSpec.MultiHeadAttention(heads));
    }

    /** {@code layers} transformer encoder layers with {@code heads} attention heads and {@code feedForward} GELU units. */
    default T transformerEncoder(int layers, int heads, int feedForward) {
        return then(new LayerSpec.TransformerEncoder(layers, heads, feedForward));
    }

    /** The first token's vector ([CLS]) as the text's. */
    default T cls() {
        return then(new LayerSpec.SequencePool(PoolingBlock.Kind.CLS));
    }

    /** The mean of the text's token vectors, padding left out. */
    default T meanPool() {
        return then(new LayerSpec.SequencePool(PoolingBlock.Kind.MEAN));
    }

    /** A pretrained encoder as trainable layers, its weights imported: {@code model().bert(miniLM()).cls().dropout(0.1).dense(4)}. */
    default T bert(PretrainedEncoder encoder) {
        return then(new LayerSpec.Bert(encoder, encoder.shape()));
    }

    /** A pretrained encoder run by ONNX Runtime and not trained, one mean-pooled vector per text: {@code frozenEncoder(miniLM()).dense(4)}. */
    default T frozenEncoder(PretrainedEncoder encoder) {
        return then(new LayerSpec.FrozenEncoder(encoder, encoder.shape().dimension(), encoder.shape().parameters(), encoder.checksum()));
    }

    /** An LSTM over sequences (N, T, features) returning its last state (N, hidden), as Keras' LSTM(hidden). */
    default T lstm(int hidden) {
        return lstm(hidden, 1, false, false);
    }

    /**
     * An LSTM with {@code layers} stacked layers, optionally {@code bidirectional} (state size doubles), returning every
     * step's output (N, T, hidden) when {@code sequences}, else the last state (N, hidden).
     */
    default T lstm(int hidden, int layers, boolean bidirectional, boolean sequences) {
        return then(new LayerSpec.Recurrent(LayerSpec.Recurrent.Cell.LSTM, hidden, layers, bidirectional, sequences));
    }

    /** A GRU over sequences (N, T, features) returning its last state (N, hidden). */
    default T gru(int hidden) {
        return gru(hidden, 1, false, false);
    }

    /** A GRU with stacked layers, directions and sequence output as for {@link #lstm(int, int, boolean, boolean)}. */
    default T gru(int hidden, int layers, boolean bidirectional, boolean sequences) {
        return then(new LayerSpec.Recurrent(LayerSpec.Recurrent.Cell.GRU, hidden, layers, bidirectional, sequences));
    }

    /** A skip connection: x + block(x), where the block is a model's layers and keeps the shape of x. */
    default T residual(LayerSequence block) {
        return then(new LayerSpec.Residual(block.layerSpecs()));
    }

    /** Any DJL block, as the next layer (a model with one cannot be saved). */
    default T add(Block block) {
        return then(new LayerSpec.Custom(block));
    }
}
