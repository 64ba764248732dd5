package dev.djinn.dsl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.djinn.dsl.data.ImageSplit;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictionTest {
    private static Model blobs;

    @BeforeAll
    static void trainOnBlobs() {
        blobs = model().dense(8).relu().dense(2);
        blobs.train(TrainingTest.blobs(400, 21), epochs(10), progress(ProgressListener.NONE));
    }

    @AfterAll
    static void close() {
        blobs.close();
    }

    @Test
    void predictGivesProbabilitiesThatSumToOne() {
        float[][] probabilities = blobs.predict(new float[][] {{-1, -1}, {1, 1}});
        assertEquals(1.0, probabilities[0][0] + probabilities[0][1], 1e-5);
        assertTrue(probabilities[0][0] > 0.5 && probabilities[1][1] > 0.5, "each blob centre is most likely its own class");
    }

    @Test
    void classifyNamesTheClass() {
        Prediction prediction = blobs.classify(new float[] {1.2f, 0.9f});
        assertEquals(1, prediction.label());
        assertEquals("1", prediction.className());
        assertTrue(prediction.toString().matches("1 \\(\\d+\\.\\d%\\)"), prediction.toString());
    }

    @Test
    void predictTakesTensorsOfOneExampleOrABatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray one = manager.create(new float[] {-1, -1});
            assertEquals(new Shape(1, 2), blobs.predict(one).getShape());
            NDArray batch = manager.create(new float[][] {{-1, -1}, {1, 1}, {0, 0}});
            assertEquals(new Shape(3, 2), blobs.predict(batch).getShape());
            ShapeMismatchException error = assertThrows(ShapeMismatchException.class, () -> blobs.predict(manager.create(new float[] {1, 2, 3})));
            assertEquals("predict: got an array of shape (3) but this model takes examples of shape (2) (or batches of them).", error.getMessage());
        }
    }

    @Test
    void predictAndClassifyTakeADataSetAndAnswerEveryExampleInItsOrder() {
        var data = TrainingTest.blobs(1500, 7); // more than one scoring batch
        float[][] rows;
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] flat = data.features(manager).toFloatArray();
            rows = new float[data.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = java.util.Arrays.copyOfRange(flat, 2 * i, 2 * i + 2);
            }
        }
        float[][] byData = blobs.predict(data);
        float[][] byRows = blobs.predict(rows);
        assertEquals(1500, byData.length);
        for (int i = 0; i < rows.length; i++) {
            assertArrayEquals(byRows[i], byData[i], 1e-6f, "example " + i);
        }
        java.util.List<Prediction> classes = blobs.classify(data);
        assertEquals(1500, classes.size());
        assertEquals(blobs.classify(rows[1499]).className(), classes.get(1499).className());
        assertTrue(blobs.evaluate(data).accuracy() > 0.9);
        ShapeMismatchException wrong = assertThrows(ShapeMismatchException.class,
                () -> blobs.predict(dev.djinn.Djinn.data(new float[][] {{1, 2, 3}}, new int[] {0})));
        assertEquals("predict: this model takes examples of shape (2) but the data has examples of shape (3).", wrong.getMessage());
    }

    @Test
    void wrongSizedRowsAreNamed() {
        ShapeMismatchException error = assertThrows(ShapeMismatchException.class, () -> blobs.predict(new float[][] {{1, 2}, {1}}));
        assertEquals("predict: example 1 has 1 values but this model takes examples of shape (2) (2 values).", error.getMessage());
    }

    @Test
    void imagesAreClassifiedWithTheirClassNames() {
        byte[] pixels = new byte[6 * 4];
        for (int i = 0; i < 3 * 4; i++) {
            pixels[i] = (byte) 200; // three bright images, then three dark ones
        }
        ImageSplit images = new ImageSplit(pixels, new int[] {1, 1, 1, 0, 0, 0}, 2, 2, java.util.List.of("dark", "bright"));
        try (Model net = model().dense(4).relu().dense(2)) {
            net.train(images, epochs(60), progress(ProgressListener.NONE));
            assertEquals("bright", net.classify(images, 0).className());
            assertEquals("dark", net.classify(images, 5).className());
            assertTrue(assertThrows(IndexOutOfBoundsException.class, () -> net.classify(images, 6)).getMessage().contains("0 to 5"));
        }
        assertArrayEquals(new int[] {3, 3}, images.labelCounts());
    }

    @Test
    void predictingBeforeTrainingSaysWhatToDo() {
        assertEquals("predict: this model has not been trained yet: call train(data) first.",
                assertThrows(IllegalStateException.class, () -> model().dense(2).predict(new float[] {1})).getMessage());
    }
}
