package dev.djinn.dsl.model;

import dev.djinn.dsl.data.ArrayData;
import dev.djinn.dsl.data.ImageDataSet;
import dev.djinn.dsl.evaluate.Evaluation;
import dev.djinn.dsl.train.BatchProgress;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.djinn.Djinn.batchSize;
import static dev.djinn.Djinn.data;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.fashionMnist;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.seed;
import static dev.djinn.Djinn.shuffle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingTest {

    /** Two Gaussian blobs around (-1, -1) and (1, 1): linearly separable. */
    static ArrayData blobs(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            float center = y[i] == 0 ? -1f : 1f;
            x[i][0] = center + (float) random.nextGaussian() * 0.4f;
            x[i][1] = center + (float) random.nextGaussian() * 0.4f;
        }
        return data(x, y);
    }

    @Test
    void aSmallNetworkLearnsTwoBlobs() {
        try (Model net = model().dense(8).relu().dense(2)) {
            History history = net.train(blobs(400, 1), epochs(20), batchSize(16), progress(ProgressListener.NONE));
            assertEquals(20, history.epochs().size());
            assertTrue(history.last().loss() < history.epochs().get(0).loss(), history.toString());
            Evaluation evaluation = net.evaluate(blobs(200, 2));
            assertTrue(evaluation.accuracy() > 0.95, evaluation.toString());
        }
    }

    @Test
    void theSameSeedGivesTheSameHistory() {
        double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            try (Model net = model().dense(4).tanh().dense(2)) {
                losses[run] = net.train(blobs(100, 3), epochs(2), seed(7), progress(ProgressListener.NONE)).last().loss();
            }
        }
        assertEquals(losses[0], losses[1], 0.0);
    }

    @Test
    void everyExampleIsTrainedOnOncePerEpochInBatchesOfTheChosenSizeShuffledOrInOrder() {
        for (boolean shuffled : new boolean[] {true, false}) {
            List<Integer> seen = new ArrayList<>();
            ProgressListener counting = new ProgressListener() {
                @Override
                public void onBatch(BatchProgress progress) {
                    seen.add(progress.samplesDone());
                }
            };
            try (Model net = model().dense(4).relu().dense(2)) {
                net.train(blobs(10, 5), epochs(2), batchSize(4), shuffle(shuffled), progress(counting));
                assertEquals(List.of(4, 8, 10, 4, 8, 10), seen, "shuffled: " + shuffled);
                seen.clear();
                History oneBatch = net.train(blobs(10, 5), epochs(2), batchSize(16), shuffle(shuffled), progress(counting));
                assertEquals(List.of(10, 10), seen, "a batch larger than the data is the whole data; shuffled: " + shuffled);
                assertTrue(Double.isFinite(oneBatch.last().loss()));
            }
        }
    }

    @Test
    void anInterruptStopsTrainingAtTheNextBatchAndKeepsTheWeights() {
        AtomicInteger batches = new AtomicInteger();
        Thread cell = Thread.currentThread();
        ProgressListener interruptAfterFive = new ProgressListener() {
            @Override
            public void onBatch(BatchProgress progress) {
                if (batches.incrementAndGet() == 5) {
                    cell.interrupt(); // as the kernel's interrupt does to the cell thread (this runs on the training thread)
                }
            }
        };
        try (Model net = model().dense(4).relu().dense(2)) {
            History history = net.train(blobs(400, 4), epochs(3), batchSize(10), progress(interruptAfterFive));
            assertTrue(Thread.interrupted(), "the flag stays set for the caller");
            assertTrue(history.isInterrupted());
            assertEquals("interrupted at epoch 1, batch 6", history.interruption());
            assertEquals(5, batches.get());
            History resumed = net.train(blobs(400, 4), epochs(1), progress(ProgressListener.NONE));
            assertEquals(1, resumed.epochs().size(), "a later train continues with the same weights");
        }
    }

    @Test
    void aDivergingLossStopsTrainingWithASentenceAndFiniteWeights() {
        float[][] x = new float[64][2];
        int[] y = new int[64];
        for (int i = 0; i < 64; i++) {
            x[i][0] = i % 2 == 0 ? 1e30f : -1e30f; // activations overflow to infinity in float32
            x[i][1] = 1;
            y[i] = i % 2;
        }
        try (Model net = model().dense(4).relu().dense(2).optimizer(dev.djinn.Djinn.sgd(10))) {
            dev.djinn.dsl.train.TrainingDivergedException error = assertThrows(dev.djinn.dsl.train.TrainingDivergedException.class,
                    () -> net.train(data(x, y), epochs(3), progress(ProgressListener.NONE)));
            assertTrue(error.getMessage().matches("The loss became (NaN|Infinity) at epoch 1, batch \\d+; training stopped.*"
                    + "Try a lower learning rate \\(now 10.0\\), for example 1.0, or clipGradient\\(1.0\\)\\."), error.getMessage());
            assertTrue(Double.isFinite(net.evaluate(blobs(10, 1)).accuracy()));
        }
    }

    @Test
    void badArgumentsAreSentences() {
        assertEquals("dense(0): a dense layer needs at least one unit.",
                assertThrows(IllegalArgumentException.class, () -> model().dense(0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model().dropout(1.5)).getMessage().startsWith("dropout(1.5)"));
        assertTrue(assertThrows(IllegalStateException.class, () -> model().train(blobs(4, 1))).getMessage().contains("no layers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> data(new float[][] {{1}, {2}}, new int[] {0}))
                .getMessage().contains("2 examples but 1 labels"));
    }

    @Test
    void aSmallCnnReaches87PercentOnFashionMnist() {
        ImageDataSet data = fashionMnist();
        try (Model net = model().conv2d(32, 3).relu().maxPool2d(2).flatten().dense(128).relu().dense(10)) {
            net.train(data, epochs(2), batchSize(64));
            Evaluation evaluation = net.evaluate(data.test());
            System.out.println(evaluation);
            assertTrue(evaluation.accuracy() >= 0.87, "test accuracy " + evaluation.accuracy());
        }
    }

    @Test
    void theQuickstartMlpReaches84PercentOnFashionMnistInTwoEpochs() {
        ImageDataSet data = fashionMnist();
        try (Model net = model().dense(128).relu().dropout(0.2).dense(10)) {
            History history = net.train(data, epochs(2));
            Evaluation evaluation = net.evaluate(data.test());
            System.out.println(history);
            System.out.println(evaluation);
            assertTrue(evaluation.accuracy() >= 0.84, "test accuracy " + evaluation.accuracy());
            assertEquals("10% of the training data held out (seed 42, 6000 examples)", history.validatedOn(),
                    "the test split never selects: validation is a share of the train split");
            assertTrue(history.last().validationAccuracy() >= 0.84, history.toString());
            assertEquals(10_000, evaluation.count());
        }
    }
}
