package dev.djinn.dsl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static dev.djinn.Djinn.adagrad;
import static dev.djinn.Djinn.rmsprop;
import static dev.djinn.Djinn.sgd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElementwiseOptimizerTest {

    /** PyTorch records gradients by default on any thread but the engine's first: a cell's, a worker's. */
    @Test
    void updatesInPlaceOnAThreadThatRecordsGradientsAndLeavesItRecording() throws Exception {
        for (OptimizerSpec spec : new OptimizerSpec[] {rmsprop(0.01), adagrad(0.1), sgd(0.1).momentum(0.9).nesterov()}) {
            float[] after = CompletableFuture.supplyAsync(() -> {
                JniUtils.setGradMode(true);
                try (NDManager manager = NDManager.newBaseManager()) {
                    NDArray weight = manager.create(new float[] {1f, 2f});
                    weight.setRequiresGradient(true);
                    Optimizer optimizer = spec.build(0, spec.newLearningRate());
                    optimizer.update("w", weight, manager.create(new float[] {0.5f, -0.5f}));
                    assertTrue(JniUtils.isGradMode(), "the thread's mode is put back");
                    return weight.toFloatArray();
                }
            }, runnable -> new Thread(runnable).start()).get();
            assertTrue(after[0] < 1f && after[1] > 2f, spec + " moved the weights against the gradient");
            assertEquals(2, after.length);
        }
    }
}
