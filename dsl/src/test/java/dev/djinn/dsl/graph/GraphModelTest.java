package dev.djinn.dsl.graph;

import dev.djinn.dsl.data.ArrayData;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.model.ShapeMismatchException;
import dev.djinn.dsl.model.Summary;
import dev.djinn.dsl.serve.ModelServer;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.djinn.Djinn.adam;
import static dev.djinn.Djinn.add;
import static dev.djinn.Djinn.concat;
import static dev.djinn.Djinn.data;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.input;
import static dev.djinn.Djinn.load;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.seed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graphs of layers: several inputs, merges, shared weights; trained, saved, loaded, served like sequential models. */
class GraphModelTest {
    @TempDir
    Path dir;

    /** Class 1 when the first group's sum beats the second's: both groups are needed to answer. */
    static ArrayData twoGroups(int n, long seed) {
        float[][] x = features(n, seed);
        return data(x, labels(x));
    }

    static float[][] features(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][7];
        for (float[] row : x) {
            for (int j = 0; j < 7; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return x;
    }

    static int[] labels(float[][] x) {
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            float a = x[i][0] + x[i][1] + x[i][2] + x[i][3];
            float b = x[i][4] + x[i][5] + x[i][6];
            y[i] = a / 2 > b / Math.sqrt(3) ? 1 : 0;
        }
        return y;
    }

    static Model twoInputModel() {
        var a = input("a", 4);
        var b = input("b", 3);
        var left = a.dense(8).relu();
        var right = b.dense(8).relu();
        return model(List.of(a, b), concat(left, right).dense(2)).optimizer(adam(0.01));
    }

    @Test
    void aTwoInputGraphTrainsSavesLoadsAndPredictsIdentically() {
        ArrayData train = twoGroups(600, 1);
        float[][] testRows = features(200, 2);
        ArrayData test = data(testRows, labels(testRows));
        try (Model net = twoInputModel()) {
            History history = net.train(train, epochs(15), seed(3), progress(ProgressListener.NONE));
            assertTrue(history.last().accuracy() > 0.9, history.toString());
            assertTrue(net.evaluate(test).accuracy() > 0.85, net.evaluate(test).toString());
            Path file = net.save(dir.resolve("two.djinn"));
            try (Model again = load(file)) {
                float[][] rows = java.util.Arrays.copyOf(testRows, 50);
                float[][] before = net.predict(rows);
                float[][] after = again.predict(rows);
                for (int i = 0; i < rows.length; i++) {
                    assertArrayEquals(before[i], after[i], 0f);
                }
                float[] a = {rows[0][0], rows[0][1], rows[0][2], rows[0][3]};
                float[] b = {rows[0][4], rows[0][5], rows[0][6]};
                assertArrayEquals(before[0], again.predict(Map.of("a", a, "b", b)), 1e-6f, "one example, batched alone");
                assertEquals(net.summary().toString(), again.summary().toString());
            }
        }
    }

    @Test
    void theSummaryShowsTheWiring() {
        try (Model net = twoInputModel()) {
            Summary summary = net.summary();
            String text = summary.toString();
            assertEquals(List.of("input(\"a\", 4)", "input(\"b\", 3)", "dense(8)", "relu", "dense(8)", "relu", "concat", "dense(2)"),
                    summary.rows().stream().map(Summary.Row::layer).toList(), text);
            assertEquals("#4, #6", summary.rows().get(6).from(), text);
            assertEquals("(1, 16)", summary.rows().get(6).outputShape(), text);
            assertEquals(4 * 8 + 8 + 3 * 8 + 8 + 16 * 2 + 2, summary.totalParameters(), text);
        }
    }

    @Test
    void aResidualWrittenAsAGraphMatchesResidual() {
        var inner = model().dense(8).relu().dense(8);
        try (Model layered = model().dense(8).residual(inner).dense(1).input(5)) {
            var x = input("x", 5);
            var h = x.dense(8);
            var graph = model(List.of(x), add(h, model().dense(8).relu().dense(8).on(h)).dense(1));
            try (graph) {
                Summary a = layered.summary();
                Summary b = graph.summary();
                assertEquals(a.totalParameters(), b.totalParameters());
                assertEquals(a.rows().get(a.rows().size() - 1).outputShape(), b.rows().get(b.rows().size() - 1).outputShape());
                assertEquals("residual[dense(8), relu, dense(8)]", a.rows().get(1).layer());
                assertEquals("add", b.rows().get(5).layer());
                assertEquals("(1, 8)", b.rows().get(5).outputShape());
                assertEquals(a.rows().get(1).parameters(), b.rows().get(2).parameters() + b.rows().get(4).parameters());
            }
        }
    }

    @Test
    void oneLayerAppliedTwiceSharesAndSavesItsWeightsOnce() {
        var encoder = model().dense(6).relu();
        var a = input("a", 4);
        var b = input("b", 4);
        try (Model siamese = model(List.of(a, b), concat(encoder.on(a), encoder.on(b)).dense(2))) {
            Summary summary = siamese.summary();
            assertEquals(4 * 6 + 6 + 12 * 2 + 2, summary.totalParameters(), summary.toString());
            assertTrue(summary.toString().contains("dense(6) (shares #3)"), summary.toString());
            assertEquals(4, siamese.parameters().size(), "one weight and bias for the shared dense, one for the head");
            ArrayData pairs = data(new float[][] {{1, 0, 0, 0, 0, 1, 0, 0}, {0, 1, 0, 0, 1, 0, 0, 0}}, new int[] {0, 1});
            siamese.train(pairs, epochs(2), progress(ProgressListener.NONE));
            Path file = siamese.save(dir.resolve("siamese.djinn"));
            try (Model again = load(file)) {
                assertEquals(4, again.parameters().size());
                float[] x = {1, 2, 3, 4, 4, 3, 2, 1};
                assertArrayEquals(siamese.predict(x), again.predict(x), 0f);
            }
        }
    }

    @Test
    void badGraphsAreRefusedWithSentences() {
        var a = input("a", 4);
        var b = input("b", 3);
        var unused = input("c", 2);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> model(List.of(a), concat(a.dense(2), b.dense(2))));
        assertTrue(missing.getMessage().contains("needs input \"b\""), missing.getMessage());
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class, () -> model(List.of(a, unused), a.dense(2)));
        assertTrue(extra.getMessage().contains("\"c\" is not used"), extra.getMessage());
        ShapeMismatchException shapes = assertThrows(ShapeMismatchException.class, () -> model(List.of(a, b), add(a.dense(2), b.dense(3))).summary());
        assertTrue(shapes.getMessage().startsWith("add at node #5 cannot take input of shape (1, 2) and (1, 3)"), shapes.getMessage());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> add(a));
        assertTrue(one.getMessage().contains("merges two branches or more"), one.getMessage());
    }

    @Test
    void aServedTwoInputModelTakesOneFieldPerInput() throws Exception {
        try (Model net = twoInputModel()) {
            net.train(twoGroups(200, 1), epochs(2), progress(ProgressListener.NONE));
            ModelServer server = net.serve(0);
            try {
                HttpClient client = HttpClient.newHttpClient();
                HttpResponse<String> good = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/predict"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": [{\"a\": [1, 2, 3, 4], \"b\": [0, 0, 1]}, {\"a\": [0, 0, 0, 0], \"b\": [5, 5, 5]}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, good.statusCode(), good.body());
                assertTrue(good.body().contains("\"predictions\""), good.body());
                float[] expected = net.predict(new float[] {1, 2, 3, 4, 0, 0, 1});
                assertTrue(good.body().contains(String.valueOf(expected[1]).substring(0, 5)), good.body() + " vs " + expected[1]);
                HttpResponse<String> bad = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/predict"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"input\": {\"a\": [1, 2, 3, 4]}}")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(400, bad.statusCode(), bad.body());
                assertTrue(bad.body().contains("Input \\\"b\\\" is missing"), bad.body());
                HttpResponse<String> described = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/model")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertTrue(described.body().contains("\"inputs\""), described.body());
            } finally {
                server.stop();
            }
        }
    }
}
