package dev.djinn.dsl.serve;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.djinn.dsl.model.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelServerTest {
    private static Model net;
    private static ModelServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void serveABlobClassifier() {
        net = BlobClassifier.trained();
        server = net.serve(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
        net.close();
    }

    static HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() + "/predict"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oneExampleGetsItsClassAndProbabilities() throws Exception {
        HttpResponse<String> response = post("{\"input\": [1.1, 0.9]}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        JsonObject prediction = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("predictions").get(0).getAsJsonObject();
        assertEquals(1, prediction.get("label").getAsInt());
        assertEquals("1", prediction.get("class").getAsString());
        double p0 = prediction.getAsJsonObject("probabilities").get("0").getAsDouble();
        double p1 = prediction.getAsJsonObject("probabilities").get("1").getAsDouble();
        assertEquals(1.0, p0 + p1, 1e-5);
        assertEquals(p1, prediction.get("probability").getAsDouble(), 1e-6);
    }

    @Test
    void batchesComeBackInOrder() throws Exception {
        for (String body : List.of("{\"inputs\": [[-1, -1], [1, 1], [-1.2, -0.8]]}", "[[-1, -1], [1, 1], [-1.2, -0.8]]")) {
            HttpResponse<String> response = post(body);
            assertEquals(200, response.statusCode(), response.body());
            var predictions = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("predictions");
            assertEquals(3, predictions.size());
            assertEquals(List.of(0, 1, 0), List.of(predictions.get(0).getAsJsonObject().get("label").getAsInt(),
                    predictions.get(1).getAsJsonObject().get("label").getAsInt(), predictions.get(2).getAsJsonObject().get("label").getAsInt()));
        }
    }

    @Test
    void badRequestsGet400WithASentence() throws Exception {
        assertError(post("{\"input\": [1, 2"), 400, "The body is not valid JSON");
        assertError(post(""), 400, "The body is empty");
        assertError(post("{\"input\": [1, 2, 3]}"), 400, "Example 0 has 3 numbers but the model takes 2 per example.");
        assertError(post("{\"input\": [1, \"two\"]}"), 400, "Example 0 holds \"two\", which is not a number.");
        assertError(post("{\"inputs\": [[1, 2], [3]]}"), 400, "Example 1 has 1 numbers but the model takes 2 per example.");
        assertError(post("{\"inputs\": []}"), 400, "The request has no examples.");
        assertError(post("{\"inputs\": 5}"), 400, "\"inputs\" must be an array of examples.");
        assertError(post("\"hello\""), 400, "Send {\"input\": [...]} for one example");
        assertError(get("/predict"), 405, "POST a JSON body to /predict");
        assertError(get("/nothing"), 404, "No such endpoint /nothing");
    }

    private static void assertError(HttpResponse<String> response, int status, String start) {
        assertEquals(status, response.statusCode(), response.body());
        String error = JsonParser.parseString(response.body()).getAsJsonObject().get("error").getAsString();
        assertTrue(error.startsWith(start), error);
    }

    @Test
    void healthAndModelDescribeTheServer() throws Exception {
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("ok", JsonParser.parseString(health.body()).getAsJsonObject().get("status").getAsString());
        JsonObject model = JsonParser.parseString(get("/model").body()).getAsJsonObject();
        assertTrue(model.get("summary").getAsString().contains("dense(8)"), model.toString());
        assertEquals("[2]", model.get("inputShape").toString());
        assertEquals("crossEntropy()", model.get("loss").getAsString());
    }

    @Test
    void concurrentClientsAllGetTheirOwnAnswers() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                answers.add(clients.submit(() -> {
                    for (int r = 0; r < 25; r++) {
                        int expected = (client + r) % 2;
                        float v = expected == 0 ? -1 : 1;
                        HttpResponse<String> response = post("{\"input\": [" + v + ", " + v + "]}");
                        int label = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("predictions")
                                .get(0).getAsJsonObject().get("label").getAsInt();
                        if (response.statusCode() != 200 || label != expected) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> answer : answers) {
                assertTrue(answer.get());
            }
        } finally {
            clients.shutdown();
        }
    }

    @Test
    void stopFreesThePort() throws Exception {
        ModelServer second = net.serve(0);
        int port = second.port();
        assertEquals(200, CLIENT.send(HttpRequest.newBuilder(URI.create(second.url() + "/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        IllegalStateException taken = assertThrows(IllegalStateException.class, () -> net.serve(port));
        assertTrue(taken.getMessage().startsWith("serve(" + port + "): port " + port + " on 127.0.0.1 is taken"), taken.getMessage());
        second.stop();
        assertThrows(ConnectException.class, () -> CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()));
        ModelServer again = net.serve(port); // the port is free again
        again.stop();
    }
}
