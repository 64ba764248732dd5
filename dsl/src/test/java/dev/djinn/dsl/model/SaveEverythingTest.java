package dev.djinn.dsl.model;

import dev.djinn.dsl.train.OptimizerSpec;
import dev.djinn.dsl.layer.LayerSpec;
import com.google.gson.JsonParser;
import com.google.gson.JsonObject;
import ai.djl.ndarray.NDManager;
import dev.djinn.dsl.data.ImageSplit;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipInputStream;

import static dev.djinn.Djinn.adam;
import static dev.djinn.Djinn.batchSize;
import static dev.djinn.Djinn.binaryCrossEntropy;
import static dev.djinn.Djinn.cosine;
import static dev.djinn.Djinn.data;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.huber;
import static dev.djinn.Djinn.image;
import static dev.djinn.Djinn.load;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.warmup;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SaveEverythingTest {
    @TempDir
    Path dir;

    @Test
    void sequenceLayersLossScheduleAndHistorySurviveSaveAndLoad() throws IOException {
        var sequences = LayersTest.tinySequences();
        float[][] probe = {sequences.example(0), sequences.example(5)};
        Path file;
        float[][] before;
        History history;
        try (Model net = model().embedding(10, 4).lstm(6, 2, true, false).residual(model().dense(12).tanh()).dense(3)
                .optimizer(adam(0.01).schedule(warmup(1, cosine(3)))).l1(1e-4).l2(1e-4)) {
            history = net.train(sequences, epochs(3), batchSize(8), progress(ProgressListener.NONE));
            file = net.save(dir.resolve("seq.djinn"));
            before = net.predict(probe);
        }
        String json = modelJson(file);
        JsonObject description = JsonParser.parseString(json).getAsJsonObject();
        assertEquals("adam(0.01).schedule(warmup(1, cosine(3)))", OptimizerSpec.fromJson(description.getAsJsonObject("optimizer")).toString(), json);
        assertTrue(json.contains("\"layer\": \"residual\""), json);
        assertEquals("residual[dense(12), tanh]", LayerSpec.fromJson(description.getAsJsonObject("architecture")
                .getAsJsonArray("sequential").get(2)).text(), json);
        assertTrue(json.contains("\"batchSize\": 8"), json);
        try (Model again = load(file)) {
            assertArrayEquals(before[0], again.predict(probe)[0], 1e-6f);
            assertArrayEquals(before[1], again.predict(probe)[1], 1e-6f);
            assertEquals("crossEntropy()", again.lossFunction().toString());
            assertEquals(3, again.history().epochs().size());
            assertArrayEquals(history.series("accuracy"), again.history().series("accuracy"), 1e-12);
            assertArrayEquals(history.series("lr"), again.history().series("lr"), 1e-7);
            History more = again.train(sequences, epochs(1), batchSize(8), progress(ProgressListener.NONE));
            assertTrue(Double.isFinite(more.last().loss()), "a loaded model trains on");
            assertEquals(4, again.history().epochs().size());
        }
    }

    @Test
    void regressionAndBinaryLossesAreSaved() {
        try (Model regression = model().dense(1).loss(huber(0.5)); Model binary = model().dense(1).loss(binaryCrossEntropy())) {
            regression.train(LossesTest.line(50, 1), progress(ProgressListener.NONE));
            binary.train(TrainingTest.blobs(50, 1), progress(ProgressListener.NONE));
            try (Model r = load(regression.save(dir.resolve("r.djinn"))); Model b = load(binary.save(dir.resolve("b.djinn")))) {
                assertEquals("huber(0.5)", r.lossFunction().toString());
                assertEquals("binaryCrossEntropy()", b.lossFunction().toString());
                assertArrayEquals(binary.predict(new float[] {1, 1}), b.predict(new float[] {1, 1}), 1e-6f);
                assertEquals(2, b.predict(new float[] {1, 1}).length);
            }
        }
    }

    /**
     * A model file written by the first Djinn 0.1.0 (format 1, before losses, encodings and metrics were recorded;
     * blobs, 3 epochs) still loads and predicts what it predicted when it was saved.
     */
    @Test
    void aFormatOneFileFromAnEarlierDjinnStillLoads() throws IOException {
        Path fixture = dir.resolve("blobs-format1.djinn");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/blobs-format1.djinn")) {
            Files.copy(in, fixture);
        }
        try (Model old = load(fixture)) {
            assertEquals("model: dense(8) → relu → dropout(0.1) → dense(2)", old.toString());
            assertEquals("crossEntropy()", old.lossFunction().toString());
            assertEquals(3, old.history().epochs().size());
            assertEquals(0.325, old.history().last().accuracy(), 1e-9);
            assertArrayEquals(new float[] {0.53001344f, 0.46998656f}, old.predict(new float[] {-1, -1}), 1e-5f);
            assertArrayEquals(new float[] {0.5454725f, 0.45452747f}, old.predict(new float[] {1, 1}), 1e-5f);
        }
    }

    private static String modelJson(Path file) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            while (!zip.getNextEntry().getName().equals("model.json")) {
                // skip to it
            }
            return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void imagesArePredictedAfterResizingAndGreyScaling() throws IOException {
        byte[] pixels = new byte[40 * 16];
        int[] labels = new int[40];
        for (int i = 0; i < 40; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < 16; p++) {
                pixels[i * 16 + p] = (byte) (labels[i] == 1 ? 220 + (p % 3) * 10 : 10 + (p % 3) * 10);
            }
        }
        ImageSplit images = new ImageSplit(pixels, labels, 4, 4, List.of("dark", "bright"));
        try (Model net = model().dense(2).optimizer(adam(0.05))) {
            History trained = net.train(images, epochs(20), batchSize(8), progress(ProgressListener.NONE));
            assertEquals(1.0, trained.last().accuracy(), trained.toString());
            assertEquals("bright", net.classify(filled(4, Color.WHITE)).className());
            assertEquals("dark", net.classify(filled(4, DARK)).className());
            assertEquals("bright", net.classify(filled(32, new Color(255, 250, 240))).className(), "a large RGB image is resized and made grey");
            Path png = dir.resolve("white.png");
            javax.imageio.ImageIO.write(filled(10, Color.WHITE), "png", png.toFile());
            assertEquals("bright", net.classify(image(png)).className());
            assertEquals("bright", net.classify(image(png.toString())).className(), "an image by file name");
            Path net2 = net.save(dir.resolve("img.djinn"));
            try (Model again = load(net2)) {
                assertArrayEquals(net.predict(filled(4, DARK)), again.predict(filled(4, DARK)), 1e-6f);
                assertEquals("dark", again.classify(filled(4, DARK)).className(), "the pixel scaling is saved");
            }
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> image(dir.resolve("none.png"))).getMessage().startsWith("image(" + dir.resolve("none.png") + "): cannot read it"));
        try (Model arrays = model().dense(2)) {
            arrays.train(TrainingTest.blobs(10, 1), progress(ProgressListener.NONE));
            assertTrue(assertThrows(IllegalStateException.class, () -> arrays.predict(filled(4, Color.WHITE))).getMessage()
                    .startsWith("predict(image): this model was not trained on images"));
        }
    }

    /** As dark as the dark training images (pixels 10 to 30). */
    private static final Color DARK = new Color(20, 20, 20);

    private static BufferedImage filled(int size, Color color) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, size, size);
        g.dispose();
        return image;
    }

    @Test
    void tensorsMakeDataWithLabelsOrTargets() {
        try (NDManager manager = NDManager.newBaseManager()) {
            var x = manager.create(new float[][] {{0, 1}, {1, 0}, {1, 1}});
            var classes = data(x, manager.create(new int[] {0, 1, 1}));
            assertTrue(classes.hasClassLabels());
            assertEquals(List.of("0", "1"), classes.classNames());
            var values = data(x, manager.create(new float[] {0.5f, 1.5f, 2.5f}));
            assertEquals(false, values.hasClassLabels());
            assertEquals(1, values.targetWidth());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> data(x, manager.create(new float[] {1, 2}))).getMessage()
                    .startsWith("data(x, y): x has 3 examples but y has shape (2)"));
        }
    }
}
