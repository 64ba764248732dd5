package dev.djinn.dsl.model;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.djinn.dsl.data.ArrayData;
import dev.djinn.dsl.data.DataSet;
import dev.djinn.dsl.data.LabeledData;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import static dev.djinn.Djinn.batchSize;
import static dev.djinn.Djinn.data;
import static dev.djinn.Djinn.earlyStopping;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.load;
import static dev.djinn.Djinn.metrics;
import static dev.djinn.Djinn.accuracy;
import static dev.djinn.Djinn.topK;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.mse;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.seed;
import static dev.djinn.Djinn.validation;
import static dev.djinn.Djinn.validationData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first three findings of the DSL-core issue: looking never fixes training, test data never selects, files round-trip. */
class TestDataNeverSelectsTest {
    @TempDir
    Path dir;

    /** A data set whose test split has every label wrong: validating on it would make every epoch look worse. */
    private static DataSet withPoisonedTest(ArrayData train, ArrayData test) {
        return new DataSet() {
            @Override
            public LabeledData train() {
                return train;
            }

            @Override
            public LabeledData test() {
                return test;
            }
        };
    }

    /** The blobs of {@link TrainingTest#blobs}, each with the other blob's label. */
    private static ArrayData wronglyLabelledBlobs(int n, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[][] x = new float[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            float center = i % 2 == 0 ? -1f : 1f;
            x[i][0] = center + (float) random.nextGaussian() * 0.4f;
            x[i][1] = center + (float) random.nextGaussian() * 0.4f;
            y[i] = 1 - i % 2;
        }
        return data(x, y);
    }

    @Test
    void trainingOnADataSetValidatesOnAShareOfTheTrainSplitNotOnTheTestSplit() {
        ArrayData train = TrainingTest.blobs(400, 71);
        ArrayData poisoned = wronglyLabelledBlobs(100, 72);
        try (Model net = model().dense(8).relu().dense(2)) {
            History history = net.train(withPoisonedTest(train, poisoned), epochs(8), earlyStopping(2), progress(ProgressListener.NONE));
            assertEquals("10% of the training data held out (seed 42, 40 examples)", history.validatedOn());
            assertTrue(history.last().validationAccuracy() > 0.9, "measured on held-out training blobs, not the poisoned test: " + history);
            assertTrue(history.toString().contains("val_ columns: measured on 10% of the training data held out"), history.toString());
        }
        try (Model net = model().dense(8).relu().dense(2)) {
            History knowingly = net.train(withPoisonedTest(train, poisoned), epochs(8), validationData(poisoned), progress(ProgressListener.NONE));
            assertEquals("the data given to validationData(...)", knowingly.validatedOn());
            assertTrue(knowingly.last().validationAccuracy() < 0.2, "the test split only when passed explicitly: " + knowingly);
        }
        try (Model net = model().dense(8).relu().dense(2)) {
            History none = net.train(withPoisonedTest(train, poisoned), epochs(1), validation(0), progress(ProgressListener.NONE));
            assertFalse(none.last().hasValidation());
            assertEquals("", none.validatedOn());
        }
    }

    @Test
    void aSummaryBeforeTrainingDoesNotFixTheLoss() {
        float[][] x = new float[64][4];
        float[] y = new float[64];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = (float) random.nextGaussian();
            }
            y[i] = x[i][0] * 2 - x[i][3];
        }
        try (Model net = model().dense(8).relu().dense(1).input(4)) {
            assertTrue(net.summary().toString().contains("dense(1)"));
            net.loss(mse());
            History history = net.train(data(x, y), epochs(20), progress(ProgressListener.NONE));
            assertEquals("mse()", net.lossFunction().toString());
            assertTrue(history.last().loss() < history.epochs().get(0).loss(), history.toString());
        }
        try (Model regression = model().dense(8).relu().dense(1).input(4)) {
            regression.summary();
            History history = regression.train(data(x, y), epochs(2), progress(ProgressListener.NONE));
            assertEquals("mse()", regression.lossFunction().toString(), "float targets pick mse even after a summary: " + history);
        }
    }

    @Test
    void saveLoadSaveKeepsEveryField() throws IOException {
        Path first = dir.resolve("first.djinn");
        Path second = dir.resolve("second.djinn");
        try (Model net = model().dense(8).relu().dense(2)) {
            net.train(TrainingTest.blobs(120, 5), epochs(2), batchSize(16), seed(7), metrics(accuracy(), topK(2)),
                    progress(ProgressListener.NONE));
            net.save(first);
        }
        try (Model loaded = load(first)) {
            loaded.save(second);
        }
        assertEquals(description(first), description(second));
        assertTrue(description(first).getAsJsonObject("training").get("batchSize").getAsInt() == 16);
    }

    private static JsonObject description(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return JsonParser.parseString(new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes(),
                    StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }
}
