package dev.djinn.dsl.model;

import dev.djinn.dsl.data.ArrayData;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;

import static dev.djinn.Djinn.data;
import static dev.djinn.Djinn.earlyStopping;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EarlyStoppingTest {

    /** The blobs with every label flipped: the better the model learns the blobs, the worse it does here. */
    static ArrayData flipped(ArrayData blobs, int n, long seed) {
        ArrayData source = TrainingTest.blobs(n, seed);
        try (var manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            float[] flat = source.features(manager).toFloatArray();
            long[] labels = source.labels(manager).toLongArray();
            float[][] x = new float[n][2];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                x[i][0] = flat[2 * i];
                x[i][1] = flat[2 * i + 1];
                y[i] = 1 - (int) labels[i];
            }
            return data(x, y);
        }
    }

    @Test
    void trainingStopsWhenValidationStopsImprovingAndRestoresTheBestWeights() {
        ArrayData train = TrainingTest.blobs(400, 41);
        ArrayData validation = flipped(train, 100, 42);
        try (Model net = model().dense(8).relu().dense(2)) {
            History history = net.train(train, validation, epochs(30), earlyStopping(2), progress(ProgressListener.NONE));
            assertTrue(history.epochs().size() < 30, history.toString());
            int best = 0;
            for (int i = 1; i < history.epochs().size(); i++) {
                if (history.epochs().get(i).validationLoss() < history.epochs().get(best).validationLoss()) {
                    best = i;
                }
            }
            assertEquals(history.epochs().size() - 1 - best, 2, history.toString());
            assertEquals("stopped early: no improvement for 2 epochs; weights restored from epoch " + (best + 1), history.earlyStop());
            assertEquals(history.epochs().get(best).validationLoss(), net.evaluate(validation).loss(), 1e-5,
                    "the model has the best epoch's weights again");
        }
    }
}
