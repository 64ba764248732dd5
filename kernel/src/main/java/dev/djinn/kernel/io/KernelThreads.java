package dev.djinn.kernel.io;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Kernel-owned worker threads. They must not be created from a cell's thread: a new thread joins its creator's
 * thread group, JShell waits for every thread of a cell's group before the cell ends, and stopping a cell
 * interrupts them all. So the group is taken from the kernel thread that builds the executor.
 */
final class KernelThreads {
    private KernelThreads() {
    }

    static ExecutorService singleThread(String name) {
        ThreadGroup kernelGroup = Thread.currentThread().getThreadGroup();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(kernelGroup, runnable, name);
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newSingleThreadExecutor(factory);
    }
}
