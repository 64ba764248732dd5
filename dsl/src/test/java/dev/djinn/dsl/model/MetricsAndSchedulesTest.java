package dev.djinn.dsl.model;

import dev.djinn.dsl.data.ArrayData;
import dev.djinn.dsl.evaluate.Evaluation;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;
import dev.djinn.dsl.train.Schedule;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.djinn.Djinn.accuracy;
import static dev.djinn.Djinn.adam;
import static dev.djinn.Djinn.batchSize;
import static dev.djinn.Djinn.cosine;
import static dev.djinn.Djinn.data;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.metrics;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.sgd;
import static dev.djinn.Djinn.step;
import static dev.djinn.Djinn.topK;
import static dev.djinn.Djinn.warmup;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsAndSchedulesTest {

    /** Ten overlapping classes along a line: top-1 is hard, top-3 easy. */
    static ArrayData tenClasses(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][1];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
            x[i][0] = y[i] + (float) random.nextGaussian() * 0.8f;
        }
        return data(x, y);
    }

    @Test
    void topKIsAtLeastAccuracyAndBothAreReportedPerEpoch() {
        try (Model net = model().dense(32).relu().dense(10).optimizer(adam(0.02))) {
            History history = net.train(tenClasses(1000, 1), tenClasses(500, 2), epochs(15), batchSize(32),
                    metrics(accuracy(), topK(3)), progress(ProgressListener.NONE));
            assertEquals(java.util.List.of("accuracy", "top3"), history.metricNames());
            double top1 = history.last().validationMetric("accuracy");
            double top3 = history.last().validationMetric("top3");
            assertTrue(top3 > top1 && top3 > 0.85, history.toString());
            assertTrue(history.toString().contains("val_top3"), history.toString());
            Evaluation evaluation = net.evaluate(tenClasses(500, 2));
            assertEquals(top1, evaluation.accuracy(), 1e-9);
            assertEquals(top3, evaluation.topK(3), 1e-9);
            assertEquals(1.0, evaluation.topK(10), 1e-9);
            assertTrue(evaluation.toString().contains("top5"), evaluation.toString());
        }
    }

    @Test
    void schedulesShapeTheLearningRateInEpochs() {
        int steps = 10;
        Schedule stepDecay = step(2, 0.1);
        assertEquals(1.0, stepDecay.factor(19, steps), 1e-12, "epochs 1-2 at full rate");
        assertEquals(0.1, stepDecay.factor(20, steps), 1e-12, "epoch 3 decayed once");
        assertEquals(0.01, stepDecay.factor(40, steps), 1e-12);
        Schedule cos = cosine(4);
        assertEquals(1.0, cos.factor(0, steps), 1e-12);
        assertEquals(0.5, cos.factor(20, steps), 1e-12, "half way down at the middle");
        assertEquals(0.0, cos.factor(40, steps), 1e-12);
        assertEquals(0.0, cos.factor(400, steps), 1e-12, "stays at the floor after");
        Schedule warm = warmup(1, cosine(2));
        assertEquals(0.1, warm.factor(0, steps), 1e-12, "first step: 1/10 of the rate");
        assertEquals(1.0, warm.factor(9, steps), 1e-12);
        assertEquals(1.0, warm.factor(10, steps), 1e-12, "then the cosine starts at full rate");
        assertEquals(0.5, warm.factor(20, steps), 1e-12);
        assertEquals("sgd(0.1).schedule(warmup(1, cosine(2)))", sgd(0.1).schedule(warm).toString());
    }

    @Test
    void theHistoryRecordsTheScheduledRateAndTrainingContinuesTheSchedule() {
        try (Model net = model().dense(2).optimizer(sgd(0.1).schedule(step(1, 0.5)))) {
            History first = net.train(TrainingTest.blobs(64, 1), epochs(2), batchSize(16), progress(ProgressListener.NONE));
            History second = net.train(TrainingTest.blobs(64, 1), epochs(1), batchSize(16), progress(ProgressListener.NONE));
            assertArrayEquals(new double[] {0.1, 0.05}, first.series("lr"), 1e-7);
            assertArrayEquals(new double[] {0.025}, second.series("lr"), 1e-7);
        }
    }

    @Test
    void badMetricsAndSchedulesAreSentences() {
        assertEquals("topK(0): k is at least 1, such as 5.", assertThrows(IllegalArgumentException.class, () -> topK(0)).getMessage());
        assertEquals("metrics(...) names accuracy twice.", assertThrows(IllegalArgumentException.class, () -> metrics(accuracy(), accuracy())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> step(0, 0.1)).getMessage().startsWith("step(0, 0.1): every is at least 1 epoch"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> cosine(0)).getMessage().startsWith("cosine(0, 0.0)"));
    }

    @Test
    void l1RegularizationDrivesTheWeightsOfUselessFeaturesToZero() {
        // few examples, many noise features: least squares gives the noise features real weight
        Random random = new Random(3);
        float[][] x = new float[30][8];
        float[] y = new float[30];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 8; j++) {
                x[i][j] = (float) random.nextGaussian();
            }
            y[i] = 2 * x[i][0] + (float) random.nextGaussian() * 0.5f;
        }
        double plain = noiseWeights(model().dense(1), x, y);
        double sparse = noiseWeights(model().dense(1).l1(0.2), x, y);
        assertTrue(sparse < plain / 4, "noise weights with l1 " + sparse + " vs without " + plain);
    }

    /** The summed absolute weight of features 1…7, read off the predictions of a linear model. */
    private static double noiseWeights(Model net, float[][] x, float[] y) {
        try (net) {
            net.optimizer(adam(0.01)).train(data(x, y), epochs(300), batchSize(32), progress(ProgressListener.NONE));
            float[][] probes = new float[9][8];
            for (int j = 1; j < 8; j++) {
                probes[j][j] = 1;
            }
            float[][] p = net.predict(probes);
            double total = 0;
            for (int j = 1; j < 8; j++) {
                total += Math.abs(p[j][0] - p[0][0]);
            }
            return total;
        }
    }
}
