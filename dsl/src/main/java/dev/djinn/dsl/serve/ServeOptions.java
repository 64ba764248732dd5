package dev.djinn.dsl.serve;
import java.util.Objects;

/** How {@code net.serve(port, options)} listens: address, worker threads, largest request body. */
public final class ServeOptions {
    private final String host;
    private final int threads;
    private final int maxBodyBytes;

    private ServeOptions(String host, int threads, int maxBodyBytes) {
        this.host = host;
        this.threads = threads;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** 127.0.0.1, one thread per core (at least 2), bodies up to 16 MB. */
    public static ServeOptions defaults() {
        return new ServeOptions("127.0.0.1", Math.max(2, Runtime.getRuntime().availableProcessors()), 16 << 20);
    }

    /** The address to listen on: "0.0.0.0" for every interface. */
    public ServeOptions host(String host) {
        return new ServeOptions(Objects.requireNonNull(host, "host(null): give an address such as 0.0.0.0"), threads, maxBodyBytes);
    }

    /** Requests handled at once. */
    public ServeOptions threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads(" + threads + "): serve with at least one thread.");
        }
        return new ServeOptions(host, threads, maxBodyBytes);
    }

    /** The largest request body accepted; larger ones get 413. */
    public ServeOptions maxBodyBytes(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes(" + bytes + "): allow at least one byte.");
        }
        return new ServeOptions(host, threads, bytes);
    }

    public String host() {
        return host;
    }

    public int threads() {
        return threads;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }
}
