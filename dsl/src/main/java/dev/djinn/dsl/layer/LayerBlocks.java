package dev.djinn.dsl.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.transformer.IdEmbedding;

import java.util.List;

/** The DJL blocks behind the layer specs (kept here so the specs' names may be DJL's without clashing). */
final class LayerBlocks {
    private LayerBlocks() {
    }

    static Block activation(LayerSpec.Activation.Function function, double alpha) {
        switch (function) {
            case RELU: return Activation.reluBlock();
            case SIGMOID: return Activation.sigmoidBlock();
            case TANH: return Activation.tanhBlock();
            case GELU: return Activation.geluBlock();
            // not DJL's swishBlock: it multiplies by beta through a tensor freed before backward (see Scalars)
            case SWISH: return new LambdaBlock(list -> {
                NDArray x = list.singletonOrThrow();
                return new NDList(x.mul(Activation.sigmoid(x)));
            }, "Swish");
            case SOFTMAX: return new LambdaBlock(list -> new NDList(list.singletonOrThrow().softmax(-1)), "softmax");
            default: return Activation.leakyReluBlock((float) alpha);
        }
    }

    static Block dropout(double rate) {
        return Dropout.builder().optRate((float) rate).build();
    }

    static Block pool(boolean max, int size) {
        Shape window = new Shape(size, size);
        return max ? Pool.maxPool2dBlock(window, window) : Pool.avgPool2dBlock(window, window);
    }

    static Block globalAvgPool() {
        return Pool.globalAvgPool2dBlock();
    }

    /** A new axis of size 1 at {@code axis} of each example's array. */
    static Block newAxis(int axis, String name) {
        return new LambdaBlock(list -> new NDList(list.singletonOrThrow().expandDims(axis)), name);
    }

    /** The element-wise sum of every input. */
    static Block sum() {
        return new LambdaBlock(list -> {
            NDArray sum = list.get(0);
            for (int i = 1; i < list.size(); i++) {
                sum = sum.add(list.get(i));
            }
            return new NDList(sum);
        }, "add");
    }

    /** The inputs side by side along their last axis. */
    static Block concatenation() {
        return new LambdaBlock(list -> {
            NDArray joined = list.get(0);
            for (int i = 1; i < list.size(); i++) {
                joined = joined.concat(list.get(i), -1);
            }
            return new NDList(joined);
        }, "concat");
    }

    /** A 1-D or 2-D convolution with square kernels, strides and padding. */
    static Block convolution(int dimensions, int filters, int kernel, int stride, int padding) {
        Shape kernels = dimensions == 1 ? new Shape(kernel) : new Shape(kernel, kernel);
        Shape strides = dimensions == 1 ? new Shape(stride) : new Shape(stride, stride);
        Shape paddings = dimensions == 1 ? new Shape(padding) : new Shape(padding, padding);
        return dimensions == 1
                ? Conv1d.builder().setFilters(filters).setKernelShape(kernels).optStride(strides).optPadding(paddings).build()
                : new ChannelsLast.Conv(Conv2d.builder().setFilters(filters).setKernelShape(kernels).optStride(strides).optPadding(paddings));
    }

    /** Token ids (stored as floats like every feature) to vectors: (N, T) to (N, T, dim). */
    static Block embedding(int vocabulary, int dimension) {
        SequentialBlock block = new SequentialBlock();
        block.add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().toType(DataType.INT64, false)), "toIds"));
        block.add(new IdEmbedding.Builder().setDictionarySize(vocabulary).setEmbeddingSize(dimension).build());
        return block;
    }

    /**
     * An LSTM or GRU over (N, T, features). Without {@code sequences} it returns the last state, (N, hidden × directions)
     * as Keras does: the forward direction's at the last step, the backward direction's at the first. Stacked and
     * bidirectional layers are composed here from single-layer, one-direction DJL blocks (DJL's own multi-layer and
     * bidirectional parameter shapes fail on PyTorch when the input width differs from the state size).
     */
    static Block recurrent(boolean lstm, int hidden, int layers, boolean bidirectional, boolean sequences) {
        SequentialBlock block = new SequentialBlock();
        for (int layer = 0; layer < layers; layer++) {
            block.add(bidirectional ? bothDirections(lstm, hidden) : oneLayer(lstm, hidden));
        }
        if (!sequences) {
            block.add(new LambdaBlock(list -> new NDList(lastState(list.head(), hidden, bidirectional)), "lastState"));
        }
        return block;
    }

    private static Block oneLayer(boolean lstm, int hidden) {
        return lstm
                ? LSTM.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true).optReturnState(false).build()
                : GRU.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true).optReturnState(false).build();
    }

    /** The sequence read forwards by one layer and backwards by another; outputs side by side per step. */
    private static Block bothDirections(boolean lstm, int hidden) {
        SequentialBlock backwards = new SequentialBlock();
        backwards.add(new LambdaBlock(list -> new NDList(list.head().flip(1)), "reverse"));
        backwards.add(oneLayer(lstm, hidden));
        backwards.add(new LambdaBlock(list -> new NDList(list.head().flip(1)), "reverse"));
        return new ParallelBlock(outputs -> new NDList(outputs.get(0).head().concat(outputs.get(1).head(), 2)),
                List.of(oneLayer(lstm, hidden), backwards));
    }

    private static NDArray lastState(NDArray output, int hidden, boolean bidirectional) {
        NDArray forward = output.get(new NDIndex(":, -1, 0:{}", hidden));
        if (!bidirectional) {
            return forward;
        }
        return forward.concat(output.get(new NDIndex(":, 0, {}:", hidden)), 1);
    }

    /** x + f(x), where f is the sub-model's layers. */
    static Block residual(List<Block> layers) {
        SequentialBlock branch = new SequentialBlock();
        layers.forEach(branch::add);
        return new ParallelBlock(outputs -> new NDList(outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())),
                List.of(branch, new LambdaBlock(list -> list, "identity")));
    }
}
