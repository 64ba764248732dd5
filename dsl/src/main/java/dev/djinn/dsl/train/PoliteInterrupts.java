package dev.djinn.dsl.train;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Threads inside code that answers {@link Thread#interrupt()} by ending cleanly (the training loop: it stops after
 * its batch, then reports where and draws the History). A notebook kernel asked to stop such a thread waits longer
 * before stopping it by force, since wrapping up (a last display, the chart) can take seconds on a loaded machine,
 * and a forced stop then would lose the History the user was promised.
 */
public final class PoliteInterrupts {
    private static final Set<Thread> POLITE = ConcurrentHashMap.newKeySet();

    private PoliteInterrupts() {
    }

    /** Runs {@code work} with the current thread marked as one that ends soon after an interrupt. */
    public static <T> T run(Supplier<T> work) {
        Thread current = Thread.currentThread();
        boolean outermost = POLITE.add(current);
        try {
            return work.get();
        } finally {
            if (outermost) {
                POLITE.remove(current);
            }
        }
    }

    /** Whether {@code thread} is inside {@link #run}, so an interrupt will end its work cleanly. */
    public static boolean answeredBy(Thread thread) {
        return POLITE.contains(thread);
    }
}
