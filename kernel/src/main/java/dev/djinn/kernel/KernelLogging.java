package dev.djinn.kernel;

import org.slf4j.LoggerFactory;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Library logging (DJL, jjava, ZeroMQ, java.util.logging) goes to the kernel process's stderr at WARN: the terminal
 * or log of whoever started the kernel, never a cell's output. Must run before System.err is redirected to cells.
 */
public final class KernelLogging {
    private KernelLogging() {
    }

    public static void configure() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // DJL probes CUDA on every device query and warns when a CPU-only machine has no driver: %gpu says it once
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        // ONNX Runtime's CPU build warns that it has no CUDA provider each time it loads a model (frozenEncoder)
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.onnxruntime.engine.OrtEngine", "error");
        // a model dropped without close() is freed by the finalizer: nothing for the user to do about the warning
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.BaseModel", "error");
        // Spark (added with %maven) warns that Hadoop has no native library here; spark-shell's own logging hides it too
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.hadoop.util.NativeCodeLoader", "error");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        // keep the stderr of now: later System.err is the running cell's
        System.setProperty("org.slf4j.simpleLogger.cacheOutputStream", "true");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        LoggerFactory.getLogger(KernelLogging.class).debug("logging configured");

        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler stderr = new ConsoleHandler(); // binds to the current System.err
        stderr.setLevel(Level.WARNING);
        root.addHandler(stderr);
        root.setLevel(Level.WARNING);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
