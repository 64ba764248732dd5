package dev.djinn.dsl.device;

import ai.djl.pytorch.jni.JniUtils;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One long-lived thread whose PyTorch operations run on a single intra-op thread, for work made of many small
 * operations (a small model's training steps), where a second thread costs more in hand-offs than it computes.
 *
 * <p>The count is set once, when the thread starts, and never changed: PyTorch's {@code set_num_threads} also resizes
 * process-wide pools and stores the count new threads start with, and changing a thread's OpenMP count back and forth
 * around every run is where OpenMP runtimes have hung (pytorch/pytorch#75147). The process-wide value is put back at
 * once from the starting thread, with the count that thread already has, so no other thread's count changes.
 *
 * <p>{@link #call} runs work there while the caller waits: an interrupt of the caller reaches the work (the training
 * loop stops after its batch, see {@link #callerInterrupted}) and stays set on the caller, and the caller's context
 * class loader is the worker's for the call. The thread is a
 * daemon of the JVM's root thread group, so no notebook cell owns it (JShell waits for the threads of a cell's group).
 */
public final class OneThreadWorker {
    private static final Object LOCK = new Object();
    private static volatile Thread thread;
    private static Hop<?> pending;
    private static volatile Hop<?> running;

    private OneThreadWorker() {
    }

    /** Runs {@code work} on the worker and returns its result or throws what it threw; on the worker itself, runs it in place. */
    public static <T> T call(Supplier<T> work) {
        if (Thread.currentThread() == thread) {
            return work.get();
        }
        Hop<T> hop = new Hop<>(work, Thread.currentThread());
        boolean interruptedWhileQueued = false;
        synchronized (LOCK) {
            start();
            while (pending != null) {
                try {
                    LOCK.wait();
                } catch (InterruptedException e) {
                    interruptedWhileQueued = true;
                }
            }
            pending = hop;
            LOCK.notifyAll();
        }
        if (interruptedWhileQueued) {
            Thread.currentThread().interrupt();
        }
        return hop.await();
    }

    /**
     * Whether the thread that handed the running work to this worker has been interrupted; false on other threads.
     * Work that stops on an interrupt asks this besides its own flag, so it stops at the same point it would on the
     * caller's thread (an interrupt reaches the worker itself a moment later).
     */
    public static boolean callerInterrupted() {
        Hop<?> hop = running;
        return hop != null && Thread.currentThread() == thread && hop.caller.isInterrupted();
    }

    /** The worker's thread, or null before the first call. */
    public static Thread thread() {
        return thread;
    }

    private static void start() {
        if (thread != null && thread.isAlive()) {
            return;
        }
        EngineThreads.processDefault(); // also loads the natives JniUtils calls
        int current = JniUtils.getNumThreads(); // the caller's, which new threads take: %gpu threads N may have set it
        CompletableFuture<Void> ready = new CompletableFuture<>();
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread worker = new Thread(root, () -> {
            try {
                // PyTorch sets a thread's count on its first parallel operation from the process-wide value: do that first
                JniUtils.getNumThreads();
                JniUtils.setNumThreads(1);
                // gradients are recorded only inside a gradient collector, as on the thread that started the engine
                JniUtils.setGradMode(false);
                ready.complete(null);
            } catch (Throwable t) {
                ready.completeExceptionally(t);
                return;
            }
            serve();
        }, "djinn-one-thread-engine");
        worker.setDaemon(true);
        worker.start();
        ready.join(); // throws what the set-up threw: the caller sees it, and the next call tries again
        thread = worker;
        // the process-wide value back, set from here: this thread's own count is `current` already
        JniUtils.setNumThreads(current);
    }

    private static void serve() {
        while (true) {
            Hop<?> hop;
            synchronized (LOCK) {
                while (pending == null) {
                    try {
                        LOCK.wait();
                    } catch (InterruptedException e) {
                        // an interrupt meant for a finished call: nothing to stop
                    }
                }
                hop = pending;
                pending = null;
                LOCK.notifyAll();
            }
            running = hop;
            try {
                hop.run();
            } finally {
                running = null;
            }
        }
    }

    /** One call: the work, its outcome, and the interrupt handshake between caller and worker. */
    private static final class Hop<T> {
        private final Supplier<T> work;
        private final Thread caller;
        private final ClassLoader loader;
        private final CompletableFuture<T> outcome = new CompletableFuture<>();
        private Thread runner;
        private boolean stopped;

        Hop(Supplier<T> work, Thread caller) {
            this.work = work;
            this.caller = caller;
            this.loader = caller.getContextClassLoader();
        }

        void run() {
            Thread self = Thread.currentThread();
            synchronized (this) {
                Thread.interrupted();
                runner = self;
                if (stopped || caller.isInterrupted()) {
                    self.interrupt();
                }
            }
            ClassLoader previous = self.getContextClassLoader();
            self.setContextClassLoader(loader);
            try {
                outcome.complete(work.get());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            } finally {
                self.setContextClassLoader(previous);
                synchronized (this) {
                    runner = null;
                    Thread.interrupted();
                }
            }
        }

        /** Asks the work to stop as an interrupt of its own thread would. */
        synchronized void stop() {
            stopped = true;
            if (runner != null) {
                runner.interrupt();
            }
        }

        /**
         * Waits for the outcome without clearing the caller's interrupt flag (the work reads it, see
         * {@link #callerInterrupted}); an interrupt is passed on to the worker's thread too.
         */
        T await() {
            outcome.whenComplete((value, failure) -> LockSupport.unpark(caller));
            boolean passedOn = false;
            try {
                while (!outcome.isDone()) {
                    if (caller.isInterrupted()) {
                        if (!passedOn) {
                            stop();
                            passedOn = true;
                        }
                        LockSupport.parkNanos(outcome, 1_000_000L); // park returns at once while the flag is set
                    } else {
                        LockSupport.park(outcome);
                    }
                }
            } finally {
                if (!outcome.isDone()) {
                    stop(); // the caller is being stopped by force: let the work end after its batch
                }
            }
            try {
                return outcome.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(cause);
            }
        }
    }
}
