package dev.djinn.dsl.device;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** One thread's PyTorch threads change for a while; the other threads' do not, and new threads get the default after. */
class EngineThreadsTest {
    @Test
    void aThreadUsesFewerThreadsWithoutChangingTheOthers() throws Exception {
        Engine.getEngine("PyTorch");
        int mine = JniUtils.getNumThreads();
        int defaults = EngineThreads.processDefault();
        assumeTrue(defaults > 1, "a machine with one core cannot tell one thread from the default");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        CompletableFuture<Integer> task = CompletableFuture.supplyAsync(() -> {
            try (EngineThreads ignored = EngineThreads.use(1)) {
                inside.countDown();
                checked.await();
                return JniUtils.getNumThreads();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        inside.await();
        assertEquals(mine, JniUtils.getNumThreads(), "this thread keeps its count while another uses one");
        checked.countDown();
        assertEquals(1, task.get());
        assertEquals(mine, JniUtils.getNumThreads());
        CompletableFuture<Integer> later = new CompletableFuture<>();
        new Thread(() -> later.complete(JniUtils.getNumThreads())).start();
        assertEquals(defaults, later.get(), "a thread started afterwards gets the default");
    }
}
