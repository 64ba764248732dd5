package dev.djinn.dsl.serve;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

import java.time.Duration;

/**
 * Closes a new connection that has not sent a whole request head within the timeout: one byte a second keeps an
 * idle timeout from firing, so slow-header clients (slowloris) need a deadline of their own.
 */
final class HeaderTimeout implements Connection.Listener {
    private final Scheduler scheduler;
    private final Duration timeout;

    HeaderTimeout(Scheduler scheduler, Duration timeout) {
        this.scheduler = scheduler;
        this.timeout = timeout;
    }

    @Override
    public void onOpened(Connection connection) {
        scheduler.schedule(() -> {
            if (connection.getMessagesIn() == 0 && connection.getEndPoint().isOpen()) {
                connection.close();
            }
        }, timeout);
    }
}
