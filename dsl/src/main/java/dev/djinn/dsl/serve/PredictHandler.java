package dev.djinn.dsl.serve;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

/**
 * The server's endpoints: {@code POST /predict}, {@code GET /health}, {@code GET /model}, {@code GET /metrics}.
 * A prediction never holds a thread while its body trickles in or while it waits for its batch: the body is
 * gathered asynchronously, parsed on a request thread, answered by the {@link Batcher}, and written back
 * asynchronously. Every refusal is JSON with a sentence.
 */
final class PredictHandler extends Handler.Abstract {
    private static final Logger REQUESTS = LoggerFactory.getLogger("dev.djinn.dsl.serve.requests");
    private static final String JSON = "application/json; charset=utf-8";

    private final Predictor model;
    private final ServeOptions options;
    private final Batcher batcher;
    private final ServeMetrics metrics;
    private final Executor requestThreads;
    private final JsonErrorHandler errors;
    private final long started = System.nanoTime();

    PredictHandler(Predictor model, ServeOptions options, Batcher batcher, ServeMetrics metrics, Executor requestThreads,
                   JsonErrorHandler errors) {
        this.model = model;
        this.options = options;
        this.batcher = batcher;
        this.metrics = metrics;
        this.requestThreads = requestThreads;
        this.errors = errors;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String endpoint = switch (path) {
            case "/predict", "/health", "/model", "/metrics" -> path;
            default -> "other"; // a label per known endpoint only: arbitrary paths must not grow the metrics
        };
        Exchange exchange = new Exchange(request, response, callback, endpoint);
        boolean get = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        switch (path) {
            case "/predict":
                if (request.getMethod().equals("POST")) {
                    predict(exchange);
                } else {
                    response.getHeaders().put(HttpHeader.ALLOW, "POST");
                    exchange.error(405, "POST a JSON body to /predict, such as {\"input\": [0.1, 0.2, ...]}.");
                }
                break;
            case "/health":
            case "/model":
            case "/metrics":
                if (!get) {
                    response.getHeaders().put(HttpHeader.ALLOW, "GET");
                    exchange.error(405, "Use GET for " + path + ".");
                } else if (path.equals("/metrics")) {
                    exchange.reply(200, PrometheusText.CONTENT_TYPE, metrics.text().getBytes(StandardCharsets.UTF_8));
                } else {
                    exchange.reply(200, JSON, path.equals("/model") ? ServeJson.model(model) : ServeJson.health(health()));
                }
                break;
            default:
                exchange.error(404, "No such endpoint " + (path.length() > 200 ? path.substring(0, 200) + "…" : path)
                        + ": use POST /predict, GET /health, GET /model or GET /metrics.");
        }
        return true;
    }

    private void predict(Exchange exchange) {
        if (metrics.inFlight().incrementAndGet() > options.maxQueued()) {
            metrics.inFlight().decrementAndGet();
            exchange.response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            exchange.error(503, "The server is busy: " + options.maxQueued() + " requests are already waiting. Retry after a second"
                    + " (Retry-After), or serve with a larger ServeOptions.maxQueued(…).");
            return;
        }
        exchange.inFlight = true;
        batcher.expect();
        // no size cap here: SizeLimitHandler in front refuses a declared oversize and fails a read that outgrows it
        CompletableFuture<Examples> examples = Content.Source.asByteArrayAsync(exchange.request, -1)
                .thenApplyAsync(body -> PredictRequest.read(body, model, options.maxExamples()), requestThreads);
        examples.whenComplete((parsed, failure) -> {
            if (failure != null) {
                batcher.giveUp();
            }
        });
        examples.thenCompose(parsed -> {
                    exchange.examples = parsed.count();
                    return batcher.submit(parsed);
                })
                .thenApplyAsync(outputs -> ServeJson.predictions(outputs, model), requestThreads)
                .whenComplete((answer, failure) -> {
                    if (failure == null) {
                        exchange.reply(200, JSON, answer);
                    } else {
                        refuse(exchange, failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
                    }
                });
    }

    private void refuse(Exchange exchange, Throwable failure) {
        if (failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException) {
            exchange.error(408, errors.sentence(408, "nothing for " + options.idleTimeout().toSeconds() + " s while reading its body"));
        } else if (failure instanceof RequestProblem problem) {
            exchange.error(problem.status(), problem.getMessage());
        } else if (failure instanceof HttpException http) {
            exchange.error(http.getCode(), errors.sentence(http.getCode(), http.getReason()));
        } else if (failure instanceof java.io.IOException) {
            exchange.error(400, "The body could not be read: " + failure.getMessage() + ".");
        } else {
            exchange.error(500, "The model failed on this request: " + failure + ". The server keeps running.");
        }
    }

    private Map<String, Number> health() {
        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put("uptimeSeconds", (System.nanoTime() - started) / 1e9);
        figures.put("predictionsServed", metrics.examplesPredicted());
        figures.put("requestsInFlight", metrics.inFlight().get());
        return figures;
    }

    /** One request and its answer: writes it once, counts it, logs it. */
    private final class Exchange {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final String endpoint;
        private final long arrived = System.nanoTime();
        private boolean inFlight;
        private int examples;

        Exchange(Request request, Response response, Callback callback, String endpoint) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.endpoint = endpoint;
        }

        void error(int status, String message) {
            reply(status, JSON, ServeJson.error(message));
        }

        void reply(int status, String contentType, byte[] body) {
            if (inFlight) {
                metrics.inFlight().decrementAndGet();
            }
            long nanos = System.nanoTime() - arrived;
            metrics.answered(endpoint, status, nanos);
            if (REQUESTS.isInfoEnabled()) {
                REQUESTS.info("{} {} {} {} ms{}", request.getMethod(), endpoint, status, String.format("%.2f", nanos / 1e6),
                        examples > 0 ? ", " + examples + " examples" : "");
            }
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
