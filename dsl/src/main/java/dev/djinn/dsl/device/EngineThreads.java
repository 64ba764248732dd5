package dev.djinn.dsl.device;

import ai.djl.engine.Engine;
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
    private static volatile boolean chosenByUser;

    private EngineThreads() {
    }

    /** The default every thread starts with (read once, before this class ever changes it). */
    public static int processDefault() {
        synchronized (LOCK) {
            if (processDefault < 0) {
                Engine.getEngine("PyTorch"); // loads the natives JniUtils calls
                processDefault = JniUtils.getNumThreads();
            }
            return processDefault;
        }
    }

    /**
     * Every thread uses {@code threads} PyTorch threads from now on ({@code %gpu threads N}), training included: a
     * count the user chose is kept, so small models no longer move to {@link OneThreadWorker}.
     */
    public static void chooseForAll(int threads) {
        processDefault();
        JniUtils.setNumThreads(Math.max(1, threads));
        chosenByUser = true;
    }

    /** Whether {@link #chooseForAll} was called. */
    public static boolean chosenByUser() {
        return chosenByUser;
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
