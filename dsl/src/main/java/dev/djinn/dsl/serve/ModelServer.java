package dev.djinn.dsl.serve;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;

/**
 * A model behind HTTP on Jetty: {@code POST /predict} (JSON examples in, JSON predictions out), {@code GET /health},
 * {@code GET /model}, {@code GET /metrics} (Prometheus). Slow or oversized clients cannot stop it (header and idle
 * timeouts, size limits answered 413/414/431, a bounded queue answered 503), concurrent requests share forward
 * passes (dynamic batching), and {@link #stop()} lets requests in flight finish before it frees the port.
 */
public final class ModelServer implements AutoCloseable {
    private final Predictor model;
    private final Server server;
    private final ServerConnector connector;
    private final Batcher batcher;
    private final ServeMetrics metrics;
    private final ServeOptions options;
    private int port = -1;

    private ModelServer(Predictor model, ServeOptions options) {
        this.model = model;
        this.options = options;
        QueuedThreadPool threads = new QueuedThreadPool(options.threads() + 4, Math.min(4, options.threads() + 4));
        threads.setName("djinn-serve");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(options.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setDelayDispatchUntilContent(true);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setIdleTimeout(options.idleTimeout().toMillis());
        connector.setAcceptQueueSize(1024);
        connector.addEventListener(new HeaderTimeout(server.getScheduler(), options.headerTimeout()));
        server.addConnector(connector);
        metrics = new ServeMetrics(options.maxBatch());
        batcher = new Batcher(model, options, metrics);
        JsonErrorHandler errors = new JsonErrorHandler(options);
        PredictHandler handler = new PredictHandler(model, options, batcher, metrics, threads, errors);
        SizeLimitHandler limit = new SizeLimitHandler(options.maxBodyBytes(), -1);
        limit.setHandler(handler);
        server.setHandler(new GracefulHandler(limit));
        server.setErrorHandler(errors);
        server.setStopTimeout(options.stopTimeout().toMillis());
        server.setStopAtShutdown(false);
    }

    /** Starts serving {@code model} on {@code port} (0: any free port). */
    public static ModelServer start(Predictor model, int port, ServeOptions options) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("serve(" + port + "): a port is from 0 (any free port) to 65535.");
        }
        ModelServer served = new ModelServer(model, options);
        served.connector.setHost(options.host());
        served.connector.setPort(port);
        try {
            served.server.start();
        } catch (Exception e) {
            served.batcher.close();
            try {
                served.server.stop();
            } catch (Exception ignored) {
                // it did not start: nothing to stop
            }
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new IllegalStateException("serve(" + port + "): port " + port + " on " + options.host()
                        + " is taken (by another program or an earlier serve() not stopped): stop that one, or pick another port (0 for any free one).", e);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("serve(" + port + "): could not listen on " + options.host() + ": " + e.getMessage(), io);
            }
            throw new IllegalStateException("serve(" + port + "): the server did not start: " + e, e);
        }
        served.port = served.connector.getLocalPort();
        return served;
    }

    /** The port it listens on (or listened on, once stopped). */
    public int port() {
        return port;
    }

    /** The base address, such as {@code http://127.0.0.1:8080}. */
    public String url() {
        String host = options.host().equals("0.0.0.0") ? "127.0.0.1" : options.host();
        return "http://" + host + ":" + port();
    }

    /** Examples predicted so far. */
    public long requestsServed() {
        return metrics.examplesPredicted();
    }

    /** How it listens, batches and protects itself. */
    public ServeOptions options() {
        return options;
    }

    /**
     * Stops taking requests, lets those in flight finish (up to the options' stop timeout), then frees the port.
     * Calling it again does nothing.
     */
    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stop(): the server did not stop cleanly: " + e, e);
        } finally {
            batcher.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "serving " + model + " at " + url() + " (POST /predict, GET /health, GET /model, GET /metrics; stop() to end)";
    }
}
