package dev.djinn.kernel.eval;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;

/** A JShell evaluator on the test's class path whose notes go to {@code warnings}, with java.util imported. */
final class TestEvaluators {
    private TestEvaluators() {
    }

    static CellEvaluator withJavaUtil(ByteArrayOutputStream warnings) {
        CellEvaluator evaluator = new CellEvaluator(CellEvaluator.systemClasspath(), InputStream.nullInputStream(),
                System.out, new PrintStream(warnings, true));
        evaluator.eval("import java.util.*;", 0);
        return evaluator;
    }
}
