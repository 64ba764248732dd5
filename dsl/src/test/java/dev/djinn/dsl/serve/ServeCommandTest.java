package dev.djinn.dsl.serve;

import com.google.gson.JsonParser;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.serve.command.ServeCommand;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.djinn.Djinn.data;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code djinn serve FILE}: a saved model served by its own process, as a deployment runs it. */
class ServeCommandTest {
    @TempDir
    Path folder;
    private static Path LOG;

    @org.junit.jupiter.api.BeforeAll
    static void logFile() throws IOException {
        LOG = Files.createTempFile("djinn-serve", ".log");
        LOG.toFile().deleteOnExit();
    }

    private static Process serve(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), ServeCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(LOG.toFile()).start();
    }

    /** The address from the command's first line, once it listens. */
    private static String address(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher url = Pattern.compile("at (http://\\S+) ").matcher(String.valueOf(line));
        assertTrue(url.find(), "first line: " + line);
        return url.group(1);
    }

    @Test
    void fourSixteenMegabyteBodiesAtOnceAreAnsweredByAServerWithAOneGigabyteHeap() throws Exception {
        Path file = folder.resolve("mlp.djinn");
        Random random = new Random(3);
        float[][] x = new float[256][784];
        int[] y = new int[256];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 10;
            x[i][y[i] * 70] = 1 + random.nextFloat();
        }
        try (Model net = model().dense(128).relu().dense(10)) {
            net.train(data(x, y), epochs(1), progress(ProgressListener.NONE));
            net.save(file);
        }
        Process server = serve(file.toString(), "--port", "0");
        try {
            String url = address(server);
            StringBuilder body = new StringBuilder(16 << 20).append("{\"inputs\": [");
            String example = "[" + "0,".repeat(783) + "0]";
            int examples = 10_000;
            for (int i = 0; i < examples; i++) {
                body.append(i == 0 ? "" : ",").append(example);
            }
            byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
            assertTrue(bytes.length > 15_000_000 && bytes.length < (16 << 20), bytes.length + " bytes");
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(url + "/predict")).timeout(Duration.ofSeconds(120))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(150, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body().substring(0, Math.min(300, response.body().length())));
                assertEquals(examples, JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("predictions").size());
            }
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"predictionsServed\":40000"), health.body());
            assertTrue(server.isAlive());
            String log = Files.readString(LOG);
            assertTrue(log.contains("INFO dev.djinn.dsl.serve.requests - POST /predict 200 "), log);
            assertTrue(log.contains(" ms, 10000 examples"), log);
        } finally {
            server.destroy(); // SIGTERM: the command stops the server gracefully
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server process ends on SIGTERM");
        }
    }

    @Test
    void aMissingModelFileIsASentenceAndExitCodeTwo() throws Exception {
        Path missing = folder.resolve("nothing.djinn");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ServeCommand.class.getName(), missing.toString()).redirectErrorStream(true).start();
        String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(server.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, server.exitValue(), output);
        assertTrue(output.startsWith("djinn serve: There is no model file " + missing.toAbsolutePath()), output);
        assertTrue(!Files.exists(missing));
    }
}
