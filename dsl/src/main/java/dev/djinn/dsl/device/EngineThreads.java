package dev.djinn.dsl.device;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's intra-op threads for the calling thread alone, for a while. PyTorch keeps the count per thread (OpenMP's),
 * so a thread that runs small operations (a Spark task among others) can use fewer threads without changing the rest
 * of the JVM: more threads there only add hand-offs, and idle OpenMP threads spin on the cores other work needs. The
 * process-wide default, which threads started meanwhile take, is put back when the scope closes.
 */
public final class EngineThreads implements AutoCloseable {
    private static final Object LOCK = new Object();
    private static int processDefault = -1;

    private EngineThreads() {
    }

    /** The default every thread starts with (read once, before this class ever changes it). */
    public static int processDefault() {
        synchronized (LOCK) {
            if (processDefault < 0) {
                processDefault = JniUtils.getNumThreads();
            }
            return processDefault;
        }
    }

    /** The calling thread uses {@code threads} PyTorch threads until {@link #close()}, which must run on the same thread. */
    public static EngineThreads use(int threads) {
        processDefault();
        JniUtils.setNumThreads(Math.max(1, threads));
        return new EngineThreads();
    }

    @Override
    public void close() {
        JniUtils.setNumThreads(processDefault);
    }
}
