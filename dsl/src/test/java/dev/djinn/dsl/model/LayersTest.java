package dev.djinn.dsl.model;

import dev.djinn.dsl.data.ImageSplit;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.djinn.Djinn.batchSize;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayersTest {

    static ImageSplit tinyImages() {
        Random random = new Random(5);
        byte[] pixels = new byte[16 * 8 * 8];
        random.nextBytes(pixels);
        int[] labels = new int[16];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        return new ImageSplit(pixels, labels, 8, 8);
    }

    static Stream<Supplier<Model>> everyLayerKind() {
        return Stream.of(
                () -> model().dense(6).relu().dense(3),
                () -> model().dense(6).sigmoid().dense(3),
                () -> model().dense(6).tanh().dense(3),
                () -> model().dense(6).gelu().dense(3),
                () -> model().dense(6).swish().dense(3),
                () -> model().dense(6).leakyRelu(0.1).dense(3),
                () -> model().dense(6).dropout(0.5).dense(3),
                () -> model().dense(6).layerNorm().dense(3),
                () -> model().dense(6).softmax().dense(3),
                () -> model().conv2d(4, 3).relu().flatten().dense(3),
                () -> model().conv2d(4, 3, 2, 1).batchNorm().relu().globalAvgPool().dense(3),
                () -> model().conv2d(4, 3).maxPool2d(2).flatten().dense(3),
                () -> model().conv2d(4, 3).avgPool2d(2).flatten().dense(3),
                () -> model().flatten().dense(3));
    }

    /** Sequences of 6 token ids from a vocabulary of 10 (as floats, like every feature), three classes. */
    static dev.djinn.dsl.data.ArrayData tinySequences() {
        Random random = new Random(9);
        float[][] x = new float[24][6];
        int[] y = new int[24];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 3;
            for (int t = 0; t < 6; t++) {
                x[i][t] = random.nextInt(10);
            }
        }
        return dev.djinn.Djinn.data(x, y);
    }

    static Stream<Object[]> sequenceLayers() {
        return Stream.of(
                new Object[] {(Supplier<Model>) () -> model().embedding(10, 4).lstm(5).dense(3), "(1, 5)"},
                new Object[] {(Supplier<Model>) () -> model().embedding(10, 4).gru(5).dense(3), "(1, 5)"},
                new Object[] {(Supplier<Model>) () -> model().embedding(10, 4).lstm(5, 2, true, false).dense(3), "(1, 10)"},
                new Object[] {(Supplier<Model>) () -> model().embedding(10, 4).gru(5, 1, true, true).flatten().dense(3), "(1, 60)"},
                new Object[] {(Supplier<Model>) () -> model().lstm(5).dense(3), "(1, 5)"},
                new Object[] {(Supplier<Model>) () -> model().conv1d(4, 3).relu().flatten().dense(3), "(1, 16)"},
                new Object[] {(Supplier<Model>) () -> model().conv1d(4, 3, 1, 1).flatten().dense(3), "(1, 24)"},
                new Object[] {(Supplier<Model>) () -> model().dense(8).relu().residual(model().dense(8).relu().dense(8)).dense(3), "(1, 8)"});
    }

    @ParameterizedTest
    @MethodSource("sequenceLayers")
    void sequenceAndResidualLayersHaveTheirShapesAndLearn(Supplier<Model> build, String lastHiddenShape) {
        try (Model net = build.get()) {
            History history = net.train(tinySequences(), epochs(2), batchSize(8), progress(ProgressListener.NONE));
            assertTrue(Double.isFinite(history.last().loss()), net + ": " + history);
            java.util.List<Summary.Row> rows = net.summary().rows();
            assertEquals(lastHiddenShape, rows.get(rows.size() - 2).outputShape(), net.summary().toString());
            assertEquals("(1, 3)", rows.get(rows.size() - 1).outputShape());
        }
    }

    @ParameterizedTest
    @MethodSource("everyLayerKind")
    void everyLayerKindTakesAGradientStep(Supplier<Model> build) {
        try (Model net = build.get()) {
            History history = net.train(tinyImages(), epochs(2), batchSize(8), progress(ProgressListener.NONE));
            assertEquals(2, history.epochs().size(), net.toString());
            assertTrue(Double.isFinite(history.last().loss()), net + ": " + history);
        }
    }
}
