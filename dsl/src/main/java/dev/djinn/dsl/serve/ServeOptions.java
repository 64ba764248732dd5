package dev.djinn.dsl.serve;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@code net.serve(port, options)} listens, batches and protects itself. Each method returns a changed copy:
 * {@code ServeOptions.defaults().host("0.0.0.0").batching(64, Duration.ofMillis(2))}.
 */
public final class ServeOptions {
    private String host = "127.0.0.1";
    private int threads = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());
    private int inferenceThreads = 1;
    private int maxBatch = 64;
    private Duration maxWait = Duration.ofMillis(2);
    private int maxQueued = 256;
    private int maxExamples = 16_384;
    private int maxBodyBytes = 16 << 20;
    private int maxHeaderBytes = 8 << 10;
    private Duration headerTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(30);
    private Duration stopTimeout = Duration.ofSeconds(10);

    private ServeOptions() {
    }

    private ServeOptions(ServeOptions other) {
        host = other.host;
        threads = other.threads;
        inferenceThreads = other.inferenceThreads;
        maxBatch = other.maxBatch;
        maxWait = other.maxWait;
        maxQueued = other.maxQueued;
        maxExamples = other.maxExamples;
        maxBodyBytes = other.maxBodyBytes;
        maxHeaderBytes = other.maxHeaderBytes;
        headerTimeout = other.headerTimeout;
        idleTimeout = other.idleTimeout;
        stopTimeout = other.stopTimeout;
    }

    /**
     * 127.0.0.1; requests read and answered on 2 threads per core (at least 8); one forward pass at a time over
     * batches of up to 64 examples gathered for up to 2 ms; 256 requests waiting at most (then 503); bodies up to
     * 16 MB and 16,384 examples (then 413); headers up to 8 KB (then 414/431) and complete within 10 s; idle
     * connections closed after 30 s; {@code stop()} lets requests in flight finish for up to 10 s.
     */
    public static ServeOptions defaults() {
        return new ServeOptions();
    }

    private ServeOptions with(Consumer<ServeOptions> change) {
        ServeOptions copy = new ServeOptions(this);
        change.accept(copy);
        return copy;
    }

    /** The address to listen on: "0.0.0.0" for every interface. */
    public ServeOptions host(String host) {
        Objects.requireNonNull(host, "host(null): give an address such as 0.0.0.0");
        return with(o -> o.host = host);
    }

    /** Threads that read requests and write answers (the forward pass has its own, see {@link #inferenceThreads}). */
    public ServeOptions threads(int threads) {
        return with(o -> o.threads = atLeast("threads", threads, 1, "serve with at least one thread"));
    }

    /** Forward passes run at once, each on its own batch; the model is shared, never locked. */
    public ServeOptions inferenceThreads(int threads) {
        return with(o -> o.inferenceThreads = atLeast("inferenceThreads", threads, 1, "run at least one forward pass at a time"));
    }

    /**
     * Dynamic batching: requests arriving together are answered by one forward pass of up to {@code maxBatch}
     * examples; a batch waits at most {@code maxWait} for more, and not at all when no other request is coming in.
     * {@code batching(1, Duration.ZERO)} turns it off.
     */
    public ServeOptions batching(int maxBatch, Duration maxWait) {
        atLeast("batching", maxBatch, 1, "a batch holds at least one example");
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("batching(" + maxBatch + ", " + maxWait + "): give a wait of zero or more, such as Duration.ofMillis(2).");
        }
        return with(o -> {
            o.maxBatch = maxBatch;
            o.maxWait = maxWait;
        });
    }

    /** Requests accepted but not yet answered; more get 503 with {@code Retry-After}. */
    public ServeOptions maxQueued(int requests) {
        return with(o -> o.maxQueued = atLeast("maxQueued", requests, 1, "let at least one request wait"));
    }

    /** The most examples one request may carry; more get 413. */
    public ServeOptions maxExamples(int examples) {
        return with(o -> o.maxExamples = atLeast("maxExamples", examples, 1, "allow at least one example"));
    }

    /** The largest request body accepted; larger ones get 413. */
    public ServeOptions maxBodyBytes(int bytes) {
        return with(o -> o.maxBodyBytes = atLeast("maxBodyBytes", bytes, 1, "allow at least one byte"));
    }

    /** The largest request line plus headers; a longer URL gets 414, longer headers 431. */
    public ServeOptions maxHeaderBytes(int bytes) {
        return with(o -> o.maxHeaderBytes = atLeast("maxHeaderBytes", bytes, 256, "allow at least 256 bytes"));
    }

    /** How long a new connection may take to send its request line and headers; a slower one is closed. */
    public ServeOptions headerTimeout(Duration timeout) {
        return with(o -> o.headerTimeout = positive("headerTimeout", timeout));
    }

    /** How long a connection may stay silent (between requests, or while sending a body) before it is closed. */
    public ServeOptions idleTimeout(Duration timeout) {
        return with(o -> o.idleTimeout = positive("idleTimeout", timeout));
    }

    /** How long {@code stop()} waits for requests in flight before closing their connections. */
    public ServeOptions stopTimeout(Duration timeout) {
        return with(o -> o.stopTimeout = positive("stopTimeout", timeout));
    }

    private static int atLeast(String option, int value, int least, String advice) {
        if (value < least) {
            throw new IllegalArgumentException(option + "(" + value + "): " + advice + ".");
        }
        return value;
    }

    private static Duration positive(String option, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(option + "(" + value + "): give a positive duration, such as Duration.ofSeconds(10).");
        }
        return value;
    }

    public String host() {
        return host;
    }

    public int threads() {
        return threads;
    }

    public int inferenceThreads() {
        return inferenceThreads;
    }

    public int maxBatch() {
        return maxBatch;
    }

    public Duration maxWait() {
        return maxWait;
    }

    public int maxQueued() {
        return maxQueued;
    }

    public int maxExamples() {
        return maxExamples;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    public Duration headerTimeout() {
        return headerTimeout;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration stopTimeout() {
        return stopTimeout;
    }

    @Override
    public String toString() {
        return "ServeOptions[host " + host + ", " + threads + " threads, " + inferenceThreads + " inference, batches of " + maxBatch
                + " within " + maxWait.toNanos() / 1e6 + " ms, " + maxQueued + " queued, " + maxExamples + " examples, "
                + maxBodyBytes + " body bytes, " + maxHeaderBytes + " header bytes, header timeout " + headerTimeout.toMillis()
                + " ms, idle " + idleTimeout.toMillis() + " ms, stop " + stopTimeout.toMillis() + " ms]";
    }
}
