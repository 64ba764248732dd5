package dev.djinn.kernel;

import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Ends the kernel when the process that started it is gone, as ipykernel does: Jupyter passes its pid in
 * {@code JPY_PARENT_PID}. Without this, a killed nbconvert or notebook server leaves a kernel training on, orphaned.
 */
final class ParentWatch {
    private static final long PERIOD_MILLIS = 1000;

    private ParentWatch() {
    }

    static void start(String parentPid) {
        if (parentPid == null || !parentPid.matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(parentPid));
        if (parent.isEmpty()) {
            return;
        }
        Thread watch = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                if (!parent.get().isAlive()) {
                    LoggerFactory.getLogger(ParentWatch.class).warn("the process that started the kernel ({}) is gone: exiting", parentPid);
                    Runtime.getRuntime().halt(0);
                }
            }
        }, "djinn-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
