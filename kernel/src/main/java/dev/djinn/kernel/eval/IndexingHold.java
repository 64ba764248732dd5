package dev.djinn.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;

/**
 * JShell indexes every class of the JDK and of the class path in a background thread from the moment its source
 * analysis exists (for completing package names and suggesting imports): about 300 ms of CPU, which ran beside the
 * kernel's start and its first cells on two cores. The kernel holds that indexing back until it is idle or a completion
 * or inspection asks for the analysis. JShell's own pause of the indexing while a snippet evaluates is the same
 * mechanism, taken once more; without {@code --add-opens jdk.jshell/jdk.jshell} nothing is held. JShell indexes on one
 * thread for the whole JVM, so a hold is released before its JShell is closed.
 */
final class IndexingHold {
    private static final Logger LOG = LoggerFactory.getLogger(IndexingHold.class);

    private final SourceCodeAnalysis analysis;
    private Method resume;

    IndexingHold(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
        try {
            Method suspend = analysis.getClass().getMethod("suspendIndexing");
            Method resumeIndexing = analysis.getClass().getMethod("resumeIndexing");
            suspend.setAccessible(true);
            resumeIndexing.setAccessible(true);
            suspend.invoke(analysis);
            resume = resumeIndexing;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("JShell's class path indexing runs from the start: {}", e.toString());
        }
    }

    /** Lets the indexing run from now on (once; later calls do nothing). */
    synchronized void release() {
        if (resume == null) {
            return;
        }
        try {
            resume.invoke(analysis);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("JShell's class path indexing could not be resumed: {}", e.toString());
        }
        resume = null;
    }

    /** Whether the indexing is held back (tests). */
    synchronized boolean holding() {
        return resume != null;
    }
}
