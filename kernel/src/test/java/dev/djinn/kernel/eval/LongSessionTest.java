package dev.djinn.kernel.eval;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a compile works through stays the size of what is alive, not of the session's length: the class files
 * JShell hands javac are those of live declarations only (the benchmark kernel/src/bench/long_session.py measures
 * the time this saves).
 */
class LongSessionTest {
    private static CellEvaluator evaluator;

    @BeforeAll
    static void startJShell() {
        evaluator = new CellEvaluator(CellEvaluator.systemClasspath(), InputStream.nullInputStream(),
                new PrintStream(OutputStream.nullOutputStream()), System.err);
        evaluator.eval("import java.util.*;", 0);
    }

    @AfterAll
    static void closeJShell() {
        evaluator.close();
    }

    @Test
    void hundredsOfCellsLeaveOnlyTheLiveDeclarationsForTheCompiler() {
        evaluator.eval("record Point(int x, int y) { }\nint twice(int a) { return 2 * a; }\nvar points = new ArrayList<Point>();", 1);
        for (int cell = 2; cell <= 400; cell++) {
            switch (cell % 4) {
                case 0 -> evaluator.eval("1 + " + cell, cell);
                case 1 -> evaluator.eval("int counter = " + cell + ";", cell);            // the same variable, redefined
                case 2 -> evaluator.eval("points.add(new Point(" + cell + ", twice(" + cell + ")))", cell);
                default -> evaluator.eval("String label() { return \"v" + cell + "\"; }", cell); // the same method, redefined
            }
        }
        int classFiles = evaluator.pruneCompilerState();
        assertTrue(classFiles >= 0, "the kernel's JVM opens jdk.jshell to the pruner");
        assertTrue(classFiles < 20, "live declarations only (a record, two methods, two variables and their nested classes): " + classFiles);
        assertEquals(100, evaluator.eval("points.size()", 401).value());
        assertEquals(796, evaluator.eval("points.get(99).y()", 402).value());
        assertEquals(397, evaluator.eval("counter", 403).value());
        assertEquals("v399", evaluator.eval("label()", 404).value());
        evaluator.eval("record Point(int x, int y, int z) { }", 405);
        assertEquals(3, evaluator.eval("new Point(1, 2, 3).z()", 406).value(), "redefining still works after pruning");
    }
}
