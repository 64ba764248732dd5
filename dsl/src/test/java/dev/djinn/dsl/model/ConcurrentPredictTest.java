package dev.djinn.dsl.model;

import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Inference goes through the built network, not the trainer, and needs no lock: 8 threads get one thread's answers. */
class ConcurrentPredictTest {
    @Test
    void predictFromEightThreadsAtOnceGivesTheAnswersOfOne() throws Exception {
        try (Model net = model().dense(32).relu().dropout(0.3).dense(3)) {
            net.train(TrainingTest.blobs(300, 5), epochs(2), progress(ProgressListener.NONE));
            float[][] examples = new float[200][2];
            for (int i = 0; i < examples.length; i++) {
                examples[i] = new float[] {i / 50f - 2, 2 - i / 70f};
            }
            float[][] expected = net.predict(examples);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<float[][]>> answers = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    for (int round = 0; round < 5; round++) {
                        Callable<float[][]> one = () -> {
                            float[][] rows = new float[examples.length][];
                            for (int i = 0; i < examples.length; i++) {
                                rows[i] = net.predict(examples[i]);
                            }
                            return rows;
                        };
                        answers.add(pool.submit(one));
                        answers.add(pool.submit(() -> net.predict(examples)));
                    }
                }
                for (Future<float[][]> answer : answers) {
                    float[][] rows = answer.get();
                    for (int i = 0; i < rows.length; i++) {
                        assertArrayEquals(expected[i], rows[i], 1e-6f);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
