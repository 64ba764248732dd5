package dev.djinn.dsl.tensor;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.djinn.dsl.layer.LayerSpec;
import dev.djinn.dsl.text.SelfAttentionBlock;
import dev.djinn.dsl.train.LossFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Every piece of the DSL that multiplies, divides or compares a tensor with a number gives the same gradient when a
 * garbage collection runs between the forward and the backward pass. With DJL's {@code x.mul(n)} the number's buffer
 * is freed by that collection and backward reads whatever reuses the memory: these fail with gradients like -8e6.
 */
class GradientsAfterGarbageCollectionTest {
    private static final int ROUNDS = 25;
    /** Direct buffers that take the memory the last collection freed, kept until the next round. */
    private static final List<ByteBuffer> SQUATTERS = new ArrayList<>();

    static Stream<Named> pieces() {
        Block attention = new SelfAttentionBlock(4, 2, 0f);
        Block swish = new LayerSpec.Activation(LayerSpec.Activation.Function.SWISH, 0).block();
        return Stream.of(
                new Named("Scalars.mul", (m, x) -> Scalars.mul(x, 3f)),
                new Named("Scalars.div", (m, x) -> Scalars.div(x, 3f)),
                new Named("Scalars.maximum", (m, x) -> Scalars.maximum(x, 0.25f)),
                new Named("binary cross-entropy", (m, x) -> LossFunction.of(LossFunction.Kind.BINARY_CROSS_ENTROPY)
                        .evaluate(m.create(new float[] {1, 0, 1, 0, 1, 0, 1, 0}).reshape(2, 4), x.reshape(2, 4))),
                new Named("huber", (m, x) -> LossFunction.huber(0.5).evaluate(m.create(new float[8]).reshape(2, 4), x.reshape(2, 4))),
                new Named("swish", (m, x) -> forward(swish, m, x)),
                new Named("self-attention", (m, x) -> forward(attention, m, x.reshape(1, 2, 4))));
    }

    @ParameterizedTest
    @MethodSource("pieces")
    void theGradientIsTheSameWithACollectionBeforeBackward(Named piece) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            float[] clean = gradient(piece, manager, false);
            for (int round = 0; round < ROUNDS; round++) {
                assertArrayEquals(clean, gradient(piece, manager, true), piece + ", round " + round);
            }
        }
    }

    private static float[] gradient(Named piece, NDManager manager, boolean collect) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(new float[] {-1.5f, -0.2f, 0.1f, 0.3f, 0.7f, 1.2f, 2.0f, -0.6f});
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = piece.function().apply(scope, x).sum();
                if (collect) {
                    collectAndReuseFreedMemory();
                }
                collector.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    /** The block applied to x; its weights are made on first use, in the test's manager, and kept for every round. */
    private static NDArray forward(Block block, NDManager scope, NDArray x) {
        if (!block.isInitialized()) {
            block.initialize(scope.getParentManager(), DataType.FLOAT32, x.getShape());
        }
        return block.forward(new ParameterStore(scope, false), new NDList(x), false).head();
    }

    private static void collectAndReuseFreedMemory() {
        SQUATTERS.clear();
        System.gc();
        try {
            Thread.sleep(5); // the Cleaner thread frees direct buffers after the collection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < 200; i++) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(4 << (i % 6)).order(ByteOrder.nativeOrder());
            while (buffer.remaining() >= 4) {
                buffer.putFloat(1e30f);
            }
            SQUATTERS.add(buffer);
        }
    }

    record Named(String name, BiFunction<NDManager, NDArray, NDArray> function) {
        @Override
        public String toString() {
            return name;
        }
    }
}
