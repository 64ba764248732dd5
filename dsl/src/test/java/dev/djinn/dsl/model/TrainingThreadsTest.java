package dev.djinn.dsl.model;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import dev.djinn.dsl.device.EngineThreads;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.djinn.Djinn.data;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Small steps train on one PyTorch thread, large ones on the default; the choice is the model's and the batch's alone. */
class TrainingThreadsTest {
    @Test
    void theForwardPassIsCountedFromTheSummary() {
        try (Model mlp = model().dense(128).relu().dense(10).input(784);
             Model cnn = model().conv2d(32, 3).relu().maxPool2d(2).flatten().dense(128).relu().dense(10).input(1, 28, 28)) {
            assertEquals(2.0 * (784 * 128 + 128 + 128 * 10 + 10) * 64, TrainingThreads.forwardFlops(mlp.summary(), 64), 1);
            // the convolution's 320 weights and biases work at each of 26 × 26 positions
            double cnnFlops = 2.0 * (320 * 26 * 26 + (13 * 13 * 32 * 128 + 128) + (128 * 10 + 10)) * 64;
            assertEquals(cnnFlops, TrainingThreads.forwardFlops(cnn.summary(), 64), 1);
            List<Device> cpu = List.of(Device.cpu());
            try (EngineThreads one = TrainingThreads.choose(mlp.summary(), 64, cpu)) {
                assertNotNull(one, "an MLP step at batch 64 is small");
            }
            assertNull(TrainingThreads.choose(cnn.summary(), 64, cpu), "the tutorial's CNN at batch 64 is not");
            assertNull(TrainingThreads.choose(mlp.summary(), 1024, cpu), "nor the MLP at batch 1024");
        }
    }

    @Test
    void aSmallModelTrainsOnOneThreadAndGivesTheThreadItsCountBack() {
        int before = JniUtils.getNumThreads();
        float[][] x = new float[256][8];
        int[] y = new int[256];
        for (int i = 0; i < 256; i++) {
            x[i][i % 8] = 1;
            y[i] = i % 2;
        }
        int[] during = new int[1];
        try (Model net = model().dense(4).relu().dense(2)) {
            net.train(data(x, y), epochs(1), progress(new ProgressListener() {
                @Override
                public void onBatch(dev.djinn.dsl.train.BatchProgress batch) {
                    during[0] = JniUtils.getNumThreads();
                }
            }));
        }
        assertEquals(1, during[0]);
        assertEquals(before, JniUtils.getNumThreads());
    }
}
