package dev.djinn.dsl.model;

import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static dev.djinn.Djinn.checkpoint;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.load;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SaveLoadTest {
    @TempDir
    Path dir;

    private Path trainedModel() {
        try (Model net = model().dense(8).relu().dropout(0.1).dense(2)) {
            net.train(TrainingTest.blobs(200, 31), epochs(3), progress(ProgressListener.NONE));
            return net.save(dir.resolve("blobs.djinn"));
        }
    }

    @Test
    void aLoadedModelPredictsExactlyLikeTheSavedOne() {
        float[][] probe = {{-1, -1}, {1, 1}, {0.2f, -0.3f}};
        Path file;
        float[][] before;
        try (Model net = model().conv2d(2, 3, 1, 1).relu().flatten().dense(3)) {
            net.train(tinyImages(), epochs(2), progress(ProgressListener.NONE));
            file = net.save(dir.resolve("cnn.djinn"));
            before = net.predict(new float[][] {new float[16], filled(16, 0.5f)});
        }
        try (Model again = load(file)) {
            assertArrayEquals(before[0], again.predict(new float[16]), 1e-6f);
            assertArrayEquals(before[1], again.predict(filled(16, 0.5f)), 1e-6f);
            assertEquals(java.util.List.of("a", "b", "c"), again.classNames());
            assertEquals("model: conv2d(2, 3, 1, 1) → relu → flatten → dense(3)", again.toString());
        }
        Path blobs = trainedModel();
        try (Model loaded = load(blobs)) {
            assertEquals(2, loaded.predict(probe)[0].length);
        }
    }

    @Test
    void aCnnSavedBeforeFlattenReadImagesChannelsLastPredictsAsItDid() throws IOException {
        // a file written before flatten() wrote its order: its dense weights expect each image channel first
        var channelFirst = new dev.djinn.dsl.layer.LayerSpec.Flatten(dev.djinn.dsl.layer.LayerSpec.Flatten.Order.CHANNEL_HEIGHT_WIDTH);
        float[] probe = filled(16, 0.5f);
        probe[3] = -1;
        Path file;
        float[] before;
        try (Model net = model().conv2d(2, 3, 1, 1).relu().then(channelFirst).dense(3)) {
            net.train(tinyImages(), epochs(2), progress(ProgressListener.NONE));
            before = net.predict(probe);
            file = net.save(dir.resolve("old-cnn.djinn"));
        }
        Path old = dir.resolve("old-format-cnn.djinn");
        try (var zip = new java.util.zip.ZipFile(file.toFile());
             OutputStream out = Files.newOutputStream(old); ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("model.json")) {
                    String json = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                    String stripped = json.replaceAll(",\\s*\"order\":\\s*\"CHANNEL_HEIGHT_WIDTH\"", "");
                    assertTrue(!stripped.equals(json) && !stripped.contains("\"order\""), json);
                    bytes = stripped.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                copy.putNextEntry(new ZipEntry(entry.getName()));
                copy.write(bytes);
            }
        }
        try (Model loaded = load(old)) {
            assertEquals("model: conv2d(2, 3, 1, 1) → relu → flatten (channel first, as saved) → dense(3)", loaded.toString());
            assertArrayEquals(before, loaded.predict(probe), 1e-6f);
        }
    }

    @Test
    void aFormatOneFileFlattensImagesChannelFirstAsItWasWritten() {
        try (Model old = LayerParser.rebuild(java.util.List.of("conv2d(2, 3)", "flatten", "dense(3)"))) {
            assertEquals("model: conv2d(2, 3) → flatten (channel first, as saved) → dense(3)", old.toString());
        }
    }

    @Test
    void aModelSavesLoadsAndCheckpointsByFileName() {
        float[] probe = {0.3f, -0.7f};
        String saved = dir.resolve("by-name.djinn").toString();
        String checkpoint = dir.resolve("checkpoint.djinn").toString();
        float[] before;
        try (Model net = model().dense(4).relu().dense(2)) {
            net.train(TrainingTest.blobs(100, 5), epochs(2), checkpoint(checkpoint), progress(ProgressListener.NONE));
            assertEquals(Path.of(saved), net.save(saved));
            before = net.predict(probe);
        }
        try (Model again = load(saved); Model checkpointed = Model.load(checkpoint)) {
            assertArrayEquals(before, again.predict(probe), 1e-6f);
            assertArrayEquals(before, checkpointed.predict(probe), 1e-6f);
        }
    }

    /** Twelve random 4 x 4 grey images of three classes. */
    private static dev.djinn.dsl.data.ImageSplit tinyImages() {
        byte[] pixels = new byte[12 * 16];
        new java.util.Random(3).nextBytes(pixels);
        int[] labels = new int[12];
        Arrays.setAll(labels, i -> i % 3);
        return new dev.djinn.dsl.data.ImageSplit(pixels, labels, 4, 4, java.util.List.of("a", "b", "c"));
    }

    private static float[] filled(int n, float value) {
        float[] values = new float[n];
        Arrays.fill(values, value);
        return values;
    }

    @Test
    void theFileDescribesItself() throws IOException {
        Path file = trainedModel();
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            String json = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes());
            assertTrue(json.contains("\"format\": \"djinn-model\""), json);
            assertTrue(json.contains("\"version\": 2"), json);
            String compact = json.replaceAll("\\s", "");
            assertTrue(compact.contains("{\"layer\":\"dense\",\"units\":8}"), json);
            assertTrue(compact.contains("\"optimizer\":{\"kind\":\"adam\",\"learningRate\":0.001"), json);
            assertTrue(json.contains("\"history\""), json);
        }
    }

    @Test
    void savingOverAnExistingFileLeavesNoTemporaryFiles() throws IOException {
        trainedModel();
        trainedModel();
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of("blobs.djinn"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aMissingFileSaysSo() {
        ModelFileException error = assertThrows(ModelFileException.class, () -> load(dir.resolve("nothing.djinn")));
        assertTrue(error.getMessage().startsWith("There is no model file at " + dir.resolve("nothing.djinn")), error.getMessage());
    }

    @Test
    void aTruncatedFileSaysSo() throws IOException {
        Path file = trainedModel();
        byte[] bytes = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.djinn"), Arrays.copyOf(bytes, bytes.length / 2));
        ModelFileException error = assertThrows(ModelFileException.class, () -> load(cut));
        assertTrue(error.getMessage().startsWith(cut + " is truncated"), error.getMessage());
    }

    @Test
    void aForeignFileSaysItIsNotAModel() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "just some text, not a model");
        ModelFileException error = assertThrows(ModelFileException.class, () -> load(text));
        assertTrue(error.getMessage().contains("is not a Djinn model file"), error.getMessage());
        Path otherZip = dir.resolve("other.zip");
        try (OutputStream out = Files.newOutputStream(otherZip); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hello".getBytes());
        }
        assertTrue(assertThrows(ModelFileException.class, () -> load(otherZip)).getMessage().contains("is not a Djinn model file"));
    }

    @Test
    void aModelWithACustomBlockCannotBeSavedAndSaysWhy() {
        try (Model net = model().dense(4).add(ai.djl.nn.Activation.reluBlock()).dense(2)) {
            net.train(TrainingTest.blobs(50, 1), progress(ProgressListener.NONE));
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> net.save(dir.resolve("x.djinn")));
            assertTrue(error.getMessage().contains("add(Block)"), error.getMessage());
        }
    }
}
