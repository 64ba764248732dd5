package dev.djinn.dsl.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.djinn.dsl.data.TextData;
import dev.djinn.dsl.graph.Graph;
import dev.djinn.dsl.graph.GraphBlock;
import dev.djinn.dsl.graph.Node;
import dev.djinn.dsl.layer.LayerSpec;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.model.ShapeMismatchException;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.seed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextLayersTest {
    private static final Shape IDS = new Shape(2, 10);

    @Test
    void eachTextLayerTellsItsOutputShape() {
        assertEquals(new Shape(2, 10, 16), new LayerSpec.TokenEmbedding(50, 16, 10).outputShape(IDS));
        Shape vectors = new Shape(2, 10, 16);
        assertEquals(vectors, new LayerSpec.MultiHeadAttention(4).outputShape(vectors));
        assertEquals(vectors, new LayerSpec.TransformerEncoder(2, 4, 32).outputShape(vectors));
        assertEquals(new Shape(2, 16), new LayerSpec.SequencePool(PoolingBlock.Kind.CLS).outputShape(vectors));
        assertEquals(new Shape(2, 16), new LayerSpec.SequencePool(PoolingBlock.Kind.MEAN).outputShape(vectors));
    }

    @Test
    void paddingDoesNotChangeThePooledOutput() {
        SequentialBlock encoder = new SequentialBlock();
        encoder.add(new LayerSpec.TokenEmbedding(50, 16, 12).block());
        encoder.add(new LayerSpec.MultiHeadAttention(4).block());
        encoder.add(new LayerSpec.TransformerEncoder(2, 4, 32).block());
        encoder.add(new LayerSpec.SequencePool(PoolingBlock.Kind.MEAN).block());
        try (NDManager manager = NDManager.newBaseManager()) {
            encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 12));
            NDArray short1 = manager.create(new float[] {2, 7, 9, 3, -1, -1}, new Shape(1, 6));
            NDArray long1 = manager.create(new float[] {2, 7, 9, 3, -1, -1, -1, -1, -1, -1, -1, -1}, new Shape(1, 12));
            NDArray longer = manager.create(new float[] {2, 7, 9, 3, 11, 12, -1, -1, -1, -1, -1, -1}, new Shape(1, 12));
            ParameterStore store = new ParameterStore(manager, false);
            float[] a = encoder.forward(store, new NDList(short1), false).head().toFloatArray();
            float[] b = encoder.forward(store, new NDList(long1), false).head().toFloatArray();
            float[] c = encoder.forward(store, new NDList(longer), false).head().toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-5, "six more padding positions change nothing");
            }
            float difference = 0;
            for (int i = 0; i < a.length; i++) {
                difference += Math.abs(a[i] - c[i]);
            }
            assertTrue(difference > 1e-3, "two more real tokens do change it");
        }
    }

    @Test
    void aGraphPassesThePaddingMaskFromLayerToLayer() {
        Node ids = Node.input("ids", 12);
        LayerSpec.TokenEmbedding embedding = new LayerSpec.TokenEmbedding(50, 8, 12);
        Node vectors = ids.then(embedding);
        Graph graph = Graph.of(List.of(ids), vectors.meanPool());
        GraphBlock block = new GraphBlock(graph);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 12));
            NDArray padded = manager.create(new float[] {2, 7, 9, 3, -1, -1, -1, -1, -1, -1, -1, -1}, new Shape(1, 12));
            ParameterStore store = new ParameterStore(manager, false);
            float[] pooled = block.forward(store, new NDList(padded), false).head().toFloatArray();
            NDArray tokens = block.blockOf(vectors).forward(store, new NDList(padded), false).head();
            float[] expected = tokens.get(":, 0:4, :").mean(new int[] {1}).toFloatArray();
            assertArrayEquals(expected, pooled, 1e-5f, "the mean is over the 4 real tokens only");
        }
    }

    @Test
    void clsTakesTheFirstTokenAndMeanLeavesPaddingOut() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, 2, 3, 4, 100, 100}, new Shape(1, 3, 2));
            NDArray mask = manager.create(new float[] {1, 1, 0}, new Shape(1, 3));
            assertEquals(List.of(1f, 2f), toList(PoolingBlock.mean(x.get(":, 0:1, :"), mask.get(":, 0:1"))));
            assertEquals(List.of(2f, 3f), toList(PoolingBlock.mean(x, mask)));
            Block cls = new PoolingBlock(PoolingBlock.Kind.CLS);
            assertEquals(List.of(1f, 2f), toList(cls.forward(new ParameterStore(manager, false), new NDList(x, mask), false).head()));
        }
    }

    private static List<Float> toList(NDArray array) {
        float[] values = array.toFloatArray();
        return List.of(values[0], values[1]);
    }

    @Test
    void aHeadStraightOnTokenVectorsSaysToPoolFirst() {
        Fortunes.Labeled fortunes = Fortunes.first(5);
        TextData data = TextData.of(fortunes.texts(), fortunes.labels()).maxLength(16);
        try (Model net = model().embedding(data.vocabularySize(), 8, 16).dropout(0.1).dense(4)) {
            ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> net.train(data, epochs(1), progress(ProgressListener.NONE)));
            assertTrue(e.getMessage().startsWith("dropout(0.1) at layer 2 takes one vector per example but gets one vector per token from "
                    + "embedding(" + data.vocabularySize() + ", 8, 16): add cls() or meanPool() before it"), e.getMessage());
        }
    }

    @Test
    void aGraphNodeStraightOnTokenVectorsSaysToPoolFirst() {
        Node ids = Node.input("ids", 16);
        try (Model net = Model.of(List.of(ids), ids.embedding(50, 8, 16).dense(4))) {
            ShapeMismatchException e = assertThrows(ShapeMismatchException.class, net::summary);
            assertTrue(e.getMessage().startsWith("dense(4) at node #3 takes one vector per example but gets one vector per token from embedding(50, 8, 16)"),
                    e.getMessage());
        }
    }

    @Test
    void anEncoderStraightOnTokenIdsSaysToPutAnEmbeddingFirst() {
        Fortunes.Labeled fortunes = Fortunes.first(5);
        TextData data = TextData.of(fortunes.texts(), fortunes.labels()).maxLength(16);
        try (Model net = model().transformerEncoder(2, 4, 256).meanPool().dense(4)) {
            ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> net.train(data, epochs(1), progress(ProgressListener.NONE)));
            assertTrue(e.getMessage().startsWith("transformerEncoder(2, 4, 256) at layer 1 cannot take input of shape (1, 16)"), e.getMessage());
            assertTrue(e.getMessage().contains("put an embedding(vocabulary, size, maxLength) or bert(...) before it"), e.getMessage());
        }
    }

    @Test
    void aSmallTransformerTakesAGradientStepOnRealTexts() {
        Fortunes.Labeled fortunes = Fortunes.first(40);
        TextData data = TextData.of(fortunes.texts(), fortunes.labels()).maxLength(32);
        try (Model net = model().embedding(data.vocabularySize(), 32, 32).transformerEncoder(1, 4, 64).meanPool().dense(4)) {
            net.input(32);
            float[] before = net.parameters().get(0).getValue().getArray().toFloatArray().clone();
            History history = net.train(data, epochs(2), seed(3), progress(ProgressListener.NONE));
            float[] after = net.parameters().get(0).getValue().getArray().toFloatArray();
            assertNotEquals(before[0] + before[1] + before[2], after[0] + after[1] + after[2], "the embedding was trained");
            assertTrue(Double.isFinite(history.last().loss()));
            assertTrue(history.epochs().get(1).loss() < history.epochs().get(0).loss(), history.toString());
            assertTrue(history.notice().contains("longer than 32 tokens"), "cut texts are said once: " + history.notice());
        }
    }
}
