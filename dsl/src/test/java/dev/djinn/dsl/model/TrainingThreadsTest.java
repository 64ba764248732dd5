package dev.djinn.dsl.model;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import dev.djinn.dsl.device.EngineThreads;
import dev.djinn.dsl.device.OneThreadWorker;
import dev.djinn.dsl.train.BatchProgress;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static dev.djinn.Djinn.batchSize;
import static dev.djinn.Djinn.data;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small steps train on one PyTorch thread, large ones on the default; the choice is the model's and the batch's alone. */
class TrainingThreadsTest {
    private static final float[][] X = new float[256][8];
    private static final int[] Y = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            X[i][i % 8] = 1;
            Y[i] = i % 2;
        }
    }

    @Test
    void theForwardPassIsCountedFromTheSummary() {
        try (Model mlp = model().dense(128).relu().dense(10).input(784);
             Model cnn = model().conv2d(32, 3).relu().maxPool2d(2).flatten().dense(128).relu().dense(10).input(1, 28, 28)) {
            assertEquals(2.0 * (784 * 128 + 128 + 128 * 10 + 10) * 64, TrainingThreads.forwardFlops(mlp.summary(), 64), 1);
            // the convolution's 320 weights and biases work at each of 26 × 26 positions
            double cnnFlops = 2.0 * (320 * 26 * 26 + (13 * 13 * 32 * 128 + 128) + (128 * 10 + 10)) * 64;
            assertEquals(cnnFlops, TrainingThreads.forwardFlops(cnn.summary(), 64), 1);
            List<Device> cpu = List.of(Device.cpu());
            assertTrue(TrainingThreads.oneThread(mlp.summary(), 64, cpu), "an MLP step at batch 64 is small");
            assertFalse(TrainingThreads.oneThread(cnn.summary(), 64, cpu), "the tutorial's CNN at batch 64 is not");
            assertFalse(TrainingThreads.oneThread(mlp.summary(), 1024, cpu), "nor the MLP at batch 1024");
        }
    }

    @Test
    void aSmallModelTrainsOnTheOneThreadWorkerAndNoOtherThreadsCountChanges() throws Exception {
        int before = JniUtils.getNumThreads();
        int[] during = new int[1];
        AtomicReference<Thread> trainedOn = new AtomicReference<>();
        try (Model net = model().dense(4).relu().dense(2)) {
            net.train(data(X, Y), epochs(1), progress(new ProgressListener() {
                @Override
                public void onBatch(BatchProgress batch) {
                    during[0] = JniUtils.getNumThreads();
                    trainedOn.set(Thread.currentThread());
                }
            }));
        }
        assertEquals(1, during[0]);
        assertSame(OneThreadWorker.thread(), trainedOn.get());
        assertEquals(before, JniUtils.getNumThreads(), "the caller's count");
        assertEquals(EngineThreads.processDefault(),
                CompletableFuture.supplyAsync(JniUtils::getNumThreads, runnable -> new Thread(runnable).start()).get(),
                "a thread started afterwards gets the process's default");
    }

    @Test
    void aSeedRepeatsARunOnTheWorker() {
        double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            try (Model net = model().dense(16).relu().dense(2)) {
                History history = net.train(data(X, Y), epochs(3), batchSize(32), seed(7), progress(ProgressListener.NONE));
                losses[run] = history.last().loss();
            }
        }
        assertEquals(losses[0], losses[1], 0.0);
    }
}
