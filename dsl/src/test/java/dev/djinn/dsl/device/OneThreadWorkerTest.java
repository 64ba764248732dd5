package dev.djinn.dsl.device;

import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneThreadWorkerTest {

    @Test
    void runsOnItsOwnThreadWithOnePyTorchThreadAndReturnsTheResult() {
        Thread caller = Thread.currentThread();
        int callerThreads = JniUtils.getNumThreads();
        Thread ranOn = OneThreadWorker.call(Thread::currentThread);
        assertNotSame(caller, ranOn);
        assertSame(OneThreadWorker.thread(), ranOn);
        assertTrue(ranOn.isDaemon());
        assertEquals(1, OneThreadWorker.call(JniUtils::getNumThreads));
        assertEquals(callerThreads, JniUtils.getNumThreads());
        assertEquals(42, OneThreadWorker.call(() -> OneThreadWorker.call(() -> 42)), "a call from the worker runs in place");
    }

    @Test
    void theWorkThrowsToTheCallerAsItsOwnException() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> OneThreadWorker.call(() -> {
                    throw new IllegalArgumentException("bad batch size");
                }));
        assertEquals("bad batch size", thrown.getMessage());
    }

    @Test
    void anInterruptOfTheCallerReachesTheWorkAndStaysSetOnTheCaller() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        AtomicBoolean callerStillInterrupted = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            String result = OneThreadWorker.call(() -> {
                started.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                sawInterrupt.set(Thread.currentThread().isInterrupted());
                return "stopped after its batch";
            });
            callerStillInterrupted.set(Thread.currentThread().isInterrupted() && result.startsWith("stopped"));
        });
        caller.start();
        assertTrue(started.await(20, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join(20_000);
        assertTrue(sawInterrupt.get(), "the work saw the interrupt");
        assertTrue(callerStillInterrupted.get(), "the caller got the result and keeps its interrupt");
        assertTrue(OneThreadWorker.call(() -> !Thread.currentThread().isInterrupted()), "the next call starts without it");
    }

    @Test
    void aCallerInterruptedBeforeTheCallStopsTheWorkAtOnce() {
        Thread.currentThread().interrupt();
        try {
            assertTrue(OneThreadWorker.call(() -> Thread.currentThread().isInterrupted()));
            assertTrue(Thread.interrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theWorkSeesTheCallersContextClassLoader() throws Exception {
        Thread caller = Thread.currentThread();
        ClassLoader previous = caller.getContextClassLoader();
        try (URLClassLoader cellLoader = new URLClassLoader(new URL[0], previous)) {
            caller.setContextClassLoader(cellLoader);
            assertSame(cellLoader, OneThreadWorker.call(() -> Thread.currentThread().getContextClassLoader()));
        } finally {
            caller.setContextClassLoader(previous);
        }
        assertNotSame(previous, null);
    }
}
