package dev.djinn.kernel.io;

import java.io.Flushable;
import java.io.IOException;
import java.util.List;

/** Flushes the cell streams every few milliseconds, so output appears live without one message per write. */
public final class OutputFlusher {
    private static final long INTERVAL_MS = 15;

    private final List<? extends Flushable> streams;

    public OutputFlusher(List<? extends Flushable> streams) {
        this.streams = streams;
    }

    public void start() {
        Thread thread = new Thread(this::run, "djinn-output-flusher");
        thread.setDaemon(true);
        thread.start();
    }

    public void flushNow() {
        for (Flushable stream : streams) {
            try {
                stream.flush();
            } catch (IOException | RuntimeException e) {
                // a closed socket during shutdown: nothing to deliver to any more
            }
        }
    }

    private void run() {
        while (true) {
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            flushNow();
        }
    }
}
