package dev.djinn.dsl.model;

import dev.djinn.dsl.data.ArrayData;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import static dev.djinn.Djinn.checkpoint;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.load;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CheckpointTest {
    @TempDir
    Path dir;

    private static int savedEpochs(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String json = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes());
            return json.split("\"epoch\":", -1).length - 1;
        }
    }

    @Test
    void aCheckpointIsSavedAfterEveryEpochAndLoadsAsTheTrainedModel() throws IOException {
        Path file = dir.resolve("every.djinn");
        try (Model net = model().dense(8).relu().dense(2)) {
            net.train(TrainingTest.blobs(200, 51), epochs(3), checkpoint(file), progress(ProgressListener.NONE));
            assertEquals(3, savedEpochs(file));
            try (Model again = load(file)) {
                assertArrayEquals(net.predict(new float[] {0.3f, -0.2f}), again.predict(new float[] {0.3f, -0.2f}), 1e-6f);
            }
        }
    }

    @Test
    void bestOnlyKeepsTheBestEpoch() throws IOException {
        ArrayData train = TrainingTest.blobs(400, 41);
        ArrayData validation = EarlyStoppingTest.flipped(train, 100, 42);
        Path file = dir.resolve("best.djinn");
        try (Model net = model().dense(8).relu().dense(2)) {
            History history = net.train(train, validation, epochs(6), checkpoint(file, true), progress(ProgressListener.NONE));
            int best = 0;
            for (int i = 1; i < history.epochs().size(); i++) {
                if (history.epochs().get(i).validationLoss() < history.epochs().get(best).validationLoss()) {
                    best = i;
                }
            }
            assertEquals(best + 1, savedEpochs(file), history.toString());
        }
    }
}
