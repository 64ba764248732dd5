package dev.djinn.spark;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch threads of a task: as many as Spark gave it ({@code spark.task.cpus}, one by default), so that the tasks an
 * executor runs at once share its cores instead of each spreading over all of them, with their idle OpenMP threads
 * spinning on the cores the others need. PyTorch keeps this count per thread (OpenMP's), so setting it on the task's
 * thread leaves the other threads of the JVM alone; its process-wide default, which threads started meanwhile take,
 * is put back when the task ends, so a notebook running {@code local[*]} trains afterwards with its threads as before.
 */
final class TaskThreads {
    private static final Object LOCK = new Object();
    private static int processDefault = -1;

    private TaskThreads() {
    }

    /** On the task's thread, before its first forward pass. */
    static void enter(int cpus) {
        synchronized (LOCK) {
            if (processDefault < 0) {
                processDefault = JniUtils.getNumThreads();
            }
        }
        JniUtils.setNumThreads(Math.max(1, cpus));
    }

    /** On the task's thread, when it is done. */
    static void leave() {
        JniUtils.setNumThreads(processDefault);
    }
}
