package dev.djinn.dsl.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Images kept channels-last in memory: (batch, channels, height, width) by index, but each pixel's channels side by
 * side. PyTorch's CPU kernels are faster on that layout (max pooling's forward about 10x; conv2d-relu-maxPool2d-flatten-
 * dense forward and backward 1.5-2x; the training benchmark's CNN step about 1.3x), and a convolution given a
 * channels-last input gives a channels-last output, which ReLU, pooling, normalisation and sums keep. Only memory
 * changes: every value keeps its index.
 */
final class ChannelsLast {
    private ChannelsLast() {
    }

    /**
     * The same images, channels-last in memory. A view when they already are (the output of an earlier convolution) or
     * have one channel; one copy otherwise.
     */
    static NDArray of(NDArray images) {
        long[] s = images.getShape().getShape();
        if (s.length != 4) {
            return images;
        }
        // (N, C, H, W) seen as (N, H, W, C); the reshape through one axis copies only if that is not already its memory
        return images.transpose(0, 2, 3, 1).reshape(-1).reshape(s[0], s[2], s[3], s[1]).transpose(0, 3, 1, 2);
    }

    /**
     * Each example to a vector; images by height, width, then channel, which is their memory order channels-last
     * (no copy). Arrays of other ranks in their own order.
     */
    static Block flattenBlock() {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            return new NDList(Blocks.batchFlatten(x.getShape().dimension() == 4 ? x.transpose(0, 2, 3, 1) : x));
        }, "flatten");
    }

    /** DJL's 2-D convolution (same parameters, same saved form) given its input channels-last. */
    static final class Conv extends Conv2d {
        Conv(Conv2d.Builder builder) {
            super(builder);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            NDList laidOut = new NDList(of(inputs.head()));
            for (int i = 1; i < inputs.size(); i++) {
                laidOut.add(inputs.get(i));
            }
            return super.forwardInternal(store, laidOut, training, params);
        }
    }
}
