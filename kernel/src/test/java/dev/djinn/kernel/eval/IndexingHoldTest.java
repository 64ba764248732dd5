package dev.djinn.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JShell indexes the class path only once the kernel lets it, and completions that need the index get it. */
class IndexingHoldTest {
    @Test
    void jshellIndexesTheClassPathOnlyOnceACompletionOrIdleTimeAsksForIt() throws Exception {
        try (CellEvaluator evaluator = TestEvaluators.withJavaUtil(new ByteArrayOutputStream())) {
            evaluator.eval("int x = 1;", 1);
            evaluator.eval("x + 1", 2);
            assertTrue(evaluator.indexingHeld(), "cells run with the indexing held back");

            SourceCodeAnalysis analysis = evaluator.analysis();
            assertFalse(evaluator.indexingHeld(), "a completion lets it run");
            waitForTheIndex(analysis, "the index gets built");
            String code = "import java.util.concu";
            assertTrue(analysis.completionSuggestions(code, code.length(), new int[1]).stream()
                    .anyMatch(s -> s.continuation().startsWith("concurrent")), "package names come from the index");
        }
    }

    @Test
    void aSessionClosedWhileHoldingItDoesNotStopTheNextOnesIndexing() throws Exception {
        new CellEvaluator(CellEvaluator.systemClasspath(), InputStream.nullInputStream(), System.out, System.err).close();
        try (CellEvaluator evaluator = TestEvaluators.withJavaUtil(new ByteArrayOutputStream())) {
            SourceCodeAnalysis analysis = evaluator.analysis();
            waitForTheIndex(analysis, "JShell's one indexing thread is free");
        }
    }

    @Test
    void idleTimeLetsItRunToo() {
        try (CellEvaluator evaluator = TestEvaluators.withJavaUtil(new ByteArrayOutputStream())) {
            assertTrue(evaluator.indexingHeld());
            evaluator.indexClassPath();
            evaluator.indexClassPath(); // once is enough; again changes nothing
            assertFalse(evaluator.indexingHeld());
        }
    }

    /** Waits (JShell's own test hook) until JShell has indexed the class path, or fails after a minute. */
    private static void waitForTheIndex(SourceCodeAnalysis analysis, String message) throws ReflectiveOperationException {
        Method wait = analysis.getClass().getMethod("waitBackgroundTaskFinished");
        wait.setAccessible(true);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> wait.invoke(analysis), message);
    }
}
