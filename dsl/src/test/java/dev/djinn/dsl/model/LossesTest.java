package dev.djinn.dsl.model;

import dev.djinn.dsl.data.ArrayData;
import dev.djinn.dsl.evaluate.Evaluation;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.LossFunction;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.djinn.Djinn.adam;
import static dev.djinn.Djinn.batchSize;
import static dev.djinn.Djinn.binaryCrossEntropy;
import static dev.djinn.Djinn.crossEntropy;
import static dev.djinn.Djinn.data;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.huber;
import static dev.djinn.Djinn.l1;
import static dev.djinn.Djinn.mae;
import static dev.djinn.Djinn.metrics;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.mse;
import static dev.djinn.Djinn.progress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LossesTest {

    /** y = 3·x0 - 2·x1 + 0.5 plus a little noise. */
    static ArrayData line(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = (float) random.nextGaussian();
            x[i][1] = (float) random.nextGaussian();
            y[i] = 3 * x[i][0] - 2 * x[i][1] + 0.5f + (float) random.nextGaussian() * 0.05f;
        }
        return data(x, y);
    }

    static Stream<Supplier<LossFunction>> regressionLosses() {
        return Stream.of(() -> mse(), () -> l1(), () -> huber(), () -> huber(0.5));
    }

    @ParameterizedTest
    @MethodSource("regressionLosses")
    void everyRegressionLossFitsALine(Supplier<LossFunction> loss) {
        try (Model net = model().dense(1).loss(loss.get()).optimizer(adam(0.05))) {
            History history = net.train(line(400, 1), epochs(30), batchSize(16), progress(ProgressListener.NONE));
            assertEquals(java.util.List.of("mae"), history.metricNames(), "regression reports mae by default");
            Evaluation evaluation = net.evaluate(line(200, 2));
            assertTrue(evaluation.isRegression());
            assertTrue(evaluation.r2() > 0.99, loss.get() + ": " + evaluation);
            assertTrue(evaluation.mae() < 0.2, loss.get() + ": " + evaluation);
            assertTrue(evaluation.toString().startsWith("mse "), evaluation.toString());
            float[] predicted = net.predict(new float[] {1, 1});
            assertEquals(1.5, predicted[0], 0.2, "3 - 2 + 0.5");
        }
    }

    @Test
    void numericTargetsGetMseByDefaultAndClassLabelsCrossEntropy() {
        try (Model regression = model().dense(1); Model classifier = model().dense(2)) {
            regression.train(line(40, 3), progress(ProgressListener.NONE));
            classifier.train(TrainingTest.blobs(40, 3), progress(ProgressListener.NONE));
            assertEquals("mse()", regression.lossFunction().toString());
            assertEquals("crossEntropy()", classifier.lossFunction().toString());
        }
    }

    @Test
    void binaryCrossEntropySeparatesTwoClassesWithOneLogit() {
        try (Model net = model().dense(8).relu().dense(1).loss(binaryCrossEntropy()).optimizer(adam(0.01))) {
            History history = net.train(TrainingTest.blobs(400, 4), epochs(10), batchSize(16), progress(ProgressListener.NONE));
            assertTrue(history.last().accuracy() > 0.95, history.toString());
            Evaluation evaluation = net.evaluate(TrainingTest.blobs(200, 5));
            assertTrue(evaluation.accuracy() > 0.95, evaluation.toString());
            float[] probabilities = net.predict(new float[] {1, 1});
            assertEquals(2, probabilities.length, "(1 - p, p)");
            assertEquals(1.0, probabilities[0] + probabilities[1], 1e-5);
            assertEquals(1, net.classify(new float[] {1.2f, 0.9f}).label());
        }
    }

    @Test
    void severalTargetsPerExample() {
        Random random = new Random(6);
        float[][] x = new float[300][1];
        float[][] y = new float[300][2];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = (float) random.nextGaussian();
            y[i][0] = 2 * x[i][0];
            y[i][1] = -x[i][0];
        }
        try (Model net = model().dense(2).optimizer(adam(0.05))) {
            net.train(data(x, y), epochs(30), batchSize(16), progress(ProgressListener.NONE));
            float[] predicted = net.predict(new float[] {1});
            assertArrayEquals(new float[] {2, -1}, predicted, 0.1f);
            assertTrue(net.evaluate(data(x, y)).toString().contains("2 targets each"));
        }
    }

    @Test
    void aLossThatDoesNotFitTheDataIsASentence() {
        assertEquals("crossEntropy() needs class labels (whole numbers 0, 1, …) but the data has numeric targets: use mse(), l1() or huber() for regression, or give int labels.",
                assertThrows(IllegalArgumentException.class, () -> model().dense(1).loss(crossEntropy()).train(line(10, 1), progress(ProgressListener.NONE))).getMessage());
        assertEquals("mse() is a regression loss but the data has class labels: use crossEntropy() (or binaryCrossEntropy() for two classes), or give float targets.",
                assertThrows(IllegalArgumentException.class, () -> model().dense(2).loss(mse()).train(TrainingTest.blobs(10, 1), progress(ProgressListener.NONE))).getMessage());
        assertEquals("binaryCrossEntropy() takes one logit per example but the model ends in 2 outputs: end the model with dense(1).",
                assertThrows(IllegalArgumentException.class, () -> model().dense(2).loss(binaryCrossEntropy()).train(TrainingTest.blobs(10, 1), progress(ProgressListener.NONE))).getMessage());
        assertEquals("The model ends in 2 outputs but the data has 3 classes: end the model with dense(3). If the labels are numbers "
                + "to predict rather than classes, give them as decimals (float targets, or a table's regression()).",
                assertThrows(IllegalArgumentException.class, () -> model().dense(2).train(data(new float[][] {{0}, {1}, {2}}, new int[] {0, 1, 2}), progress(ProgressListener.NONE))).getMessage());
        assertEquals("The model ends in 3 outputs but each target has 1 value: end the model with dense(1). If the targets "
                + "are classes, give them as whole numbers (int labels, or a table's classification()).",
                assertThrows(IllegalArgumentException.class, () -> model().dense(3).train(line(10, 1), progress(ProgressListener.NONE))).getMessage());
        assertEquals("data(x, y): example 1 has NaN at value 0 of its 2; a model cannot learn from it: replace or drop the missing or "
                + "infinite values before training.",
                assertThrows(IllegalArgumentException.class, () -> data(new float[][] {{0, 1}, {Float.NaN, 1}}, new int[] {0, 1})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> data(new float[][] {{Float.POSITIVE_INFINITY}}, new float[] {1}))
                .getMessage().startsWith("data(x, y): example 0 has Infinity at value 0 of its 1;"));
        byte[] pixels = new byte[4 * 6 * 6];
        var images = new dev.djinn.dsl.data.ImageSplit(pixels, new int[] {0, 1, 0, 1}, 6, 6, java.util.List.of("a", "b"));
        try (Model unflattened = model().conv2d(4, 3).relu().dense(2)) {
            assertEquals("The model's output for one example has shape (4, 4, 2), but training needs one row of numbers per example: "
                    + "add flatten() before the first dense layer after conv2d or pooling (summary() shows each layer's output shape).",
                    assertThrows(ShapeMismatchException.class, () -> unflattened.train(images, progress(ProgressListener.NONE))).getMessage());
        }
        assertEquals("metric mae is for regression but the loss is crossEntropy(): use accuracy() or topK(k).",
                assertThrows(IllegalArgumentException.class, () -> model().dense(2).train(TrainingTest.blobs(10, 1), metrics(mae()), progress(ProgressListener.NONE))).getMessage());
    }

    @Test
    void aRegressionModelDoesNotClassify() {
        try (Model net = model().dense(1)) {
            net.train(line(20, 1), progress(ProgressListener.NONE));
            assertTrue(assertThrows(IllegalStateException.class, () -> net.classify(new float[] {1, 1})).getMessage()
                    .startsWith("classify: this model predicts numbers (its loss is mse())"));
            assertTrue(assertThrows(IllegalStateException.class, () -> net.evaluate(line(5, 2)).accuracy()).getMessage()
                    .startsWith("accuracy() measures a classifier; this evaluates regression"));
            assertFalse(net.history().epochs().isEmpty());
        }
    }
}
