package dev.djinn.dsl.serve;

import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.djinn.dsl.data.ClassNames;
import dev.djinn.dsl.data.TableEncoding;
import dev.djinn.dsl.data.TextEncoding;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonToken;

/**
 * A model behind HTTP, on the JDK's own server: {@code POST /predict} (JSON examples in, JSON predictions out),
 * {@code GET /health}, {@code GET /model}. Bad requests get 400 with a sentence, never a stack trace; requests
 * are handled on a pool of threads. {@link #stop()} frees the port.
 */
public final class ModelServer implements AutoCloseable {
    private static final Gson GSON = new Gson();

    private final Predictor model;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ServeOptions options;
    private final AtomicLong served = new AtomicLong();
    private final long started = System.nanoTime();

    private ModelServer(Predictor model, HttpServer server, ExecutorService workers, ServeOptions options) {
        this.model = model;
        this.server = server;
        this.workers = workers;
        this.options = options;
    }

    /** Starts serving {@code model} on {@code port} (0: any free port). */
    public static ModelServer start(Predictor model, int port, ServeOptions options) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("serve(" + port + "): a port is from 0 (any free port) to 65535.");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), port), 64);
        } catch (BindException e) {
            throw new IllegalStateException("serve(" + port + "): port " + port + " on " + options.host()
                    + " is taken (by another program or an earlier serve() not stopped): stop that one, or pick another port (0 for any free one).", e);
        } catch (IOException e) {
            throw new UncheckedIOException("serve(" + port + "): could not listen: " + e.getMessage(), e);
        }
        ExecutorService workers = Executors.newFixedThreadPool(options.threads(), runnable -> {
            Thread thread = new Thread(runnable, "djinn-serve");
            thread.setDaemon(true);
            return thread;
        });
        ModelServer modelServer = new ModelServer(model, server, workers, options);
        server.createContext("/", modelServer::handle);
        server.setExecutor(workers);
        server.start();
        return modelServer;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base address, such as {@code http://127.0.0.1:8080}. */
    public String url() {
        String host = options.host().equals("0.0.0.0") ? "127.0.0.1" : options.host();
        return "http://" + host + ":" + port();
    }

    /** Prediction requests answered so far. */
    public long requestsServed() {
        return served.get();
    }

    /** Stops listening and frees the port. */
    public void stop() {
        server.stop(0);
        workers.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (path) {
                case "/predict":
                    if (!method.equals("POST")) {
                        reply(exchange, 405, error("POST a JSON body to /predict, such as {\"input\": [0.1, 0.2, ...]}."));
                    } else {
                        predict(exchange);
                    }
                    break;
                case "/health":
                    JsonObject health = new JsonObject();
                    health.addProperty("status", "ok");
                    health.addProperty("uptimeSeconds", (System.nanoTime() - started) / 1e9);
                    health.addProperty("predictionsServed", served.get());
                    reply(exchange, 200, health);
                    break;
                case "/model":
                    reply(exchange, 200, describe());
                    break;
                default:
                    reply(exchange, 404, error("No such endpoint " + path + ": use POST /predict, GET /health or GET /model."));
            }
        } catch (RuntimeException e) {
            reply(exchange, 500, error("The server failed: " + e));
        } finally {
            exchange.close();
        }
    }

    private void predict(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(options.maxBodyBytes() + 1);
        }
        if (body.length > options.maxBodyBytes()) {
            reply(exchange, 413, error("The request is larger than " + options.maxBodyBytes() + " bytes: send fewer examples at a time."));
            return;
        }
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            reply(exchange, 400, error("The body is empty: send {\"input\": [...]} or {\"inputs\": [[...], ...]}."));
            return;
        }
        JsonElement json;
        try {
            JsonReader reader = new JsonReader(new StringReader(new String(body, StandardCharsets.UTF_8)));
            reader.setStrictness(Strictness.STRICT);
            json = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("text after the JSON value");
            }
        } catch (JsonParseException | IOException | IllegalStateException e) {
            reply(exchange, 400, error("The body is not valid JSON (" + rootMessage(e) + "). Send {\"input\": [...]} or {\"inputs\": [[...], ...]}."));
            return;
        }
        boolean columns = model.encoding() instanceof TableEncoding;
        float[][] results;
        int count;
        try {
            Map<String, Shape> named = model.namedInputs();
            if (model.encoding() instanceof TextEncoding) {
                List<String> texts = PredictRequest.texts(json);
                count = texts.size();
                results = model.predict(texts);
            } else {
                PredictRequest request = PredictRequest.parse(json, model.exampleShape().size(), columns, named);
                count = request.size();
                results = columns && named.isEmpty() ? model.predictRecords(request.records()) : model.predict(request.rows().toArray(new float[0][]));
            }
        } catch (IllegalArgumentException e) {
            reply(exchange, 400, error(e.getMessage()));
            return;
        }
        served.addAndGet(count);
        JsonArray predictions = new JsonArray();
        for (float[] result : results) {
            predictions.add(prediction(result));
        }
        JsonObject answer = new JsonObject();
        answer.add("predictions", predictions);
        reply(exchange, 200, answer);
    }

    private JsonObject prediction(float[] values) {
        JsonObject prediction = new JsonObject();
        if (model.lossFunction().classifies()) {
            List<String> names = model.classNames();
            int best = 0;
            for (int i = 1; i < values.length; i++) {
                if (values[i] > values[best]) {
                    best = i;
                }
            }
            JsonObject probabilities = new JsonObject();
            for (int i = 0; i < values.length; i++) {
                probabilities.addProperty(ClassNames.of(names, i), values[i]);
            }
            prediction.addProperty("label", best);
            prediction.addProperty("class", ClassNames.of(names, best));
            prediction.addProperty("probability", values[best]);
            prediction.add("probabilities", probabilities);
        } else if (values.length == 1) {
            prediction.addProperty("value", values[0]);
        } else {
            JsonArray array = new JsonArray();
            for (float value : values) {
                array.add(value);
            }
            prediction.add("values", array);
        }
        return prediction;
    }

    private JsonObject describe() {
        JsonObject json = new JsonObject();
        json.addProperty("summary", model.describe());
        json.add("inputShape", GSON.toJsonTree(model.exampleShape().getShape()));
        json.addProperty("loss", model.lossFunction().toString());
        json.add("classNames", GSON.toJsonTree(model.classNames()));
        if (model.encoding() instanceof TableEncoding) {
            json.add("columns", GSON.toJsonTree(((TableEncoding) model.encoding()).columnNames()));
        }
        if (model.encoding() instanceof TextEncoding text) {
            json.addProperty("texts", "send {\"text\": \"…\"} or {\"texts\": [\"…\", …]}; " + text);
        }
        if (!model.namedInputs().isEmpty()) {
            JsonObject inputs = new JsonObject();
            model.namedInputs().forEach((name, size) -> inputs.add(name, GSON.toJsonTree(size.getShape())));
            json.add("inputs", inputs);
        }
        return json;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static JsonObject error(String message) {
        JsonObject json = new JsonObject();
        json.addProperty("error", message);
        return json;
    }

    private static void reply(HttpExchange exchange, int status, JsonObject json) throws IOException {
        byte[] bytes = GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public String toString() {
        return "serving " + model + " at " + url() + " (POST /predict, GET /health, GET /model; stop() to end)";
    }
}
