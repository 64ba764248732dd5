package dev.djinn.dsl.serve;

import com.google.gson.JsonParser;
import dev.djinn.dsl.model.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a careless or hostile client cannot do to the server: stall it, flood it, or make it answer without a sentence. */
class ServerLimitsTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static Model net;

    @BeforeAll
    static void trainABlobClassifier() {
        net = BlobClassifier.trained();
    }

    @AfterAll
    static void close() {
        net.close();
    }

    static HttpResponse<String> post(ModelServer server, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() + "/predict")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Milliseconds each of {@code count} good requests took, one after the other. */
    static long[] goodRequestTimes(ModelServer server, int count) throws Exception {
        long[] millis = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = post(server, "{\"input\": [1, 1]}");
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, answer.statusCode(), answer.body());
        }
        Arrays.sort(millis);
        return millis;
    }

    /** Clients that send a request one byte a second, until told to stop. */
    static List<Thread> tricklers(int port, int clients, String request, AtomicBoolean stop) {
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    OutputStream out = socket.getOutputStream();
                    for (int i = 0; i < request.length() && !stop.get(); i++) {
                        out.write(request.charAt(i));
                        out.flush();
                        Thread.sleep(1000);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed us, or the test ended
                }
            });
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    @Test
    void clientsSendingOneByteASecondDoNotDelayOtherRequests() throws Exception {
        try (ModelServer server = net.serve(0)) {
            AtomicBoolean stop = new AtomicBoolean();
            String slowHead = "POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"input\": [1, 1]}";
            for (int clients : new int[] {2, 4, 16}) {
                List<Thread> slow = tricklers(server.port(), clients, slowHead, stop);
                // and as many whose head is complete but whose body trickles
                List<Thread> slowBodies = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    slowBodies.add(bodyTrickler(server.port(), stop));
                }
                Thread.sleep(1500);
                long[] millis = goodRequestTimes(server, 20);
                assertTrue(millis[10] < 100, clients + " slow clients: median " + millis[10] + " ms, " + Arrays.toString(millis));
                assertTrue(millis[19] < 2000, clients + " slow clients: slowest " + millis[19] + " ms");
                stop.set(true);
                slow.forEach(Thread::interrupt);
                slowBodies.forEach(Thread::interrupt);
                stop.set(false);
            }
        }
    }

    private static Thread bodyTrickler(int port, AtomicBoolean stop) {
        Thread thread = new Thread(() -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream out = socket.getOutputStream();
                out.write("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n[".getBytes(StandardCharsets.US_ASCII));
                while (!stop.get()) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(1000);
                }
            } catch (IOException | InterruptedException e) {
                // closed
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Test
    void fiveHundredHalfOpenConnectionsNeitherBlockRequestsNorStayOpenPastTheHeaderTimeout() throws Exception {
        try (ModelServer server = net.serve(0, ServeOptions.defaults().headerTimeout(Duration.ofSeconds(2)))) {
            List<Socket> halfOpen = new ArrayList<>();
            try {
                for (int i = 0; i < 500; i++) {
                    Socket socket = new Socket("127.0.0.1", server.port());
                    socket.getOutputStream().write("POST /pred".getBytes(StandardCharsets.US_ASCII));
                    halfOpen.add(socket);
                }
                long[] millis = goodRequestTimes(server, 20);
                assertTrue(millis[10] < 100, "median " + millis[10] + " ms with 500 half-open connections");
                Thread.sleep(3500);
                int closed = 0;
                for (Socket socket : halfOpen) {
                    socket.setSoTimeout(2000);
                    if (endsOrResets(socket.getInputStream())) {
                        closed++;
                    }
                }
                assertEquals(500, closed, "connections closed by the header timeout");
                assertEquals(200, post(server, "{\"input\": [1, 1]}").statusCode());
            } finally {
                for (Socket socket : halfOpen) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aBodyThatArrivesSlowlyAfterACompleteHeadIsStillAnswered() throws Exception {
        try (ModelServer server = net.serve(0, ServeOptions.defaults().headerTimeout(Duration.ofSeconds(1)));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            String body = "{\"input\": [1, 1]}";
            out.write(("POST /predict HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (char c : body.toCharArray()) {
                out.write(c);
                out.flush();
                Thread.sleep(150); // 2.5 s in all: past the header timeout, within the idle timeout
            }
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
    }

    @Test
    void aBodyThatStopsArrivingGets408AfterTheIdleTimeout() throws Exception {
        try (ModelServer server = net.serve(0, ServeOptions.defaults().idleTimeout(Duration.ofSeconds(1)));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"in".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("{\"error\":\"The request took too long to arrive"), answer);
            assertEquals(200, post(server, "{\"input\": [1, 1]}").statusCode(), "the server still answers");
        }
    }

    private static boolean endsOrResets(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    @Test
    void oversizedAndMalformedRequestsGetTheRightStatusWithASentence() throws Exception {
        try (ModelServer server = net.serve(0, ServeOptions.defaults().maxBodyBytes(1 << 20))) {
            int port = server.port();
            String longUrl = "GET /health?" + "a".repeat(1 << 20) + " HTTP/1.1\r\nHost: x\r\n\r\n";
            assertRefused(RawHttp.exchange(port, longUrl), 414, "The URL is too long");
            String bigHeader = "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(1 << 20) + "\r\n\r\n";
            assertRefused(RawHttp.exchange(port, bigHeader), 431, "The request headers are too large");
            StringBuilder many = new StringBuilder("GET /health HTTP/1.1\r\nHost: x\r\n");
            for (int i = 0; i < 5000; i++) {
                many.append("X-H").append(i).append(": v\r\n");
            }
            assertRefused(RawHttp.exchange(port, many.append("\r\n").toString()), 431, "The request headers are too large");
            String declaredTooLarge = "POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\nConnection: close\r\n\r\n[1, 1]";
            assertRefused(RawHttp.exchange(port, declaredTooLarge), 413, "The request is larger than 1048576 bytes");
            StringBuilder chunked = new StringBuilder("POST /predict HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            String chunk = "[" + "0, ".repeat(20_000) + "0]";
            for (int i = 0; i < 20; i++) {
                chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            }
            chunked.append("0\r\n\r\n");
            assertRefused(RawHttp.exchange(port, chunked.toString()), 413, "The request is larger than 1048576 bytes");
            String badChunk = "POST /predict HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n[1, 1]\r\n0\r\n\r\n";
            RawHttp.Answer malformed = RawHttp.exchange(port, badChunk);
            assertRefused(malformed, 400, "The ");
            assertTrue(!malformed.body().contains("Self-suppression"), malformed.body());
            assertEquals(200, post(server, "{\"input\": [1, 1]}").statusCode(), "the server still answers");
        }
    }

    private static void assertRefused(RawHttp.Answer answer, int status, String start) {
        assertEquals(status, answer.status(), answer.head() + "\n" + answer.body());
        String error = JsonParser.parseString(answer.body()).getAsJsonObject().get("error").getAsString();
        assertTrue(error.startsWith(start), error);
    }

    @Test
    void aFullQueueIsAnswered503WithRetryAfter() throws Exception {
        GatedPredictor gated = new GatedPredictor(net.predictor());
        try (ModelServer server = ModelServer.start(gated, 0, ServeOptions.defaults().maxQueued(2))) {
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> quietly(server, "{\"input\": [1, 1]}"));
            gated.awaitPassAtGate();
            CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> quietly(server, "{\"input\": [-1, -1]}"));
            awaitInFlight(server, 2);
            RawHttp.Answer busy = RawHttp.exchange(server.port(), "POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\nConnection: close\r\n\r\n{\"input\": [1, 1]}");
            assertRefused(busy, 503, "The server is busy");
            assertEquals("1", busy.header("Retry-After"));
            gated.open();
            assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
            assertEquals(200, second.get(20, TimeUnit.SECONDS).statusCode());
            assertEquals(200, post(server, "{\"input\": [1, 1]}").statusCode(), "room again once answered");
        }
    }

    @Test
    void requestsArrivingTogetherShareOneForwardPassAndGetTheirOwnAnswers() throws Exception {
        GatedPredictor gated = new GatedPredictor(net.predictor());
        try (ModelServer server = ModelServer.start(gated, 0, ServeOptions.defaults().batching(64, Duration.ofMillis(50)))) {
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> quietly(server, "{\"input\": [1, 1]}"));
            gated.awaitPassAtGate();
            List<float[]> inputs = new ArrayList<>();
            List<CompletableFuture<HttpResponse<String>>> joined = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                float[] input = {i % 2 == 0 ? -1.1f + i * 0.1f : 1.1f - i * 0.1f, i % 2 == 0 ? -0.9f : 0.9f};
                inputs.add(input);
                joined.add(CompletableFuture.supplyAsync(() -> quietly(server, "{\"input\": [" + input[0] + ", " + input[1] + "]}")));
            }
            awaitInFlight(server, 7);
            gated.open();
            assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
            for (int i = 0; i < joined.size(); i++) {
                HttpResponse<String> answer = joined.get(i).get(20, TimeUnit.SECONDS);
                assertEquals(200, answer.statusCode(), answer.body());
                var prediction = JsonParser.parseString(answer.body()).getAsJsonObject().getAsJsonArray("predictions").get(0).getAsJsonObject();
                float[] alone = net.predict(inputs.get(i));
                assertEquals(alone[1], prediction.getAsJsonObject("probabilities").get("1").getAsFloat(), 1e-6, "request " + i);
            }
            assertEquals(List.of(1, 6), gated.batchSizes, "the six waiting requests ran as one batch");
            String metrics = CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("djinn_batch_size_count 2\n"), metrics);
            assertTrue(metrics.contains("djinn_batch_size_bucket{le=\"8\"} 2\n"), metrics);
            assertTrue(metrics.contains("djinn_examples_total 7\n"), metrics);
            assertTrue(metrics.contains("djinn_requests_total{endpoint=\"/predict\",status=\"200\"} 7\n"), metrics);
            assertTrue(metrics.contains("# TYPE djinn_request_duration_seconds histogram\n"), metrics);
        }
    }

    @Test
    void stopLetsRequestsInFlightFinishAndThenFreesThePort() throws Exception {
        GatedPredictor gated = new GatedPredictor(net.predictor());
        ModelServer server = ModelServer.start(gated, 0, ServeOptions.defaults());
        int port = server.port();
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> quietly(server, "{\"input\": [1, 1]}"));
        gated.awaitPassAtGate();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        Thread.sleep(300);
        assertTrue(!stopping.isDone(), "stop() waits for the request in flight");
        gated.open();
        HttpResponse<String> answer = inFlight.get(20, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        stopping.get(20, TimeUnit.SECONDS);
        try (Socket refused = new Socket("127.0.0.1", port)) {
            throw new AssertionError("the port is still open after stop()");
        } catch (java.net.ConnectException expected) {
            // freed
        }
    }

    private static HttpResponse<String> quietly(ModelServer server, String body) {
        try {
            return post(server, body);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitInFlight(ModelServer server, int requests) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String metrics = CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (metrics.contains("djinn_requests_in_flight " + requests + "\n")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("never " + requests + " requests in flight");
    }
}
