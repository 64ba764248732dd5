package dev.djinn.kernel.eval;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JShell's clean-up after each javac task walks the REPL's classes only, not every class javac knows, and what the
 * clean-up is for still holds: a class declared again is the new one in the next cell.
 */
class ReplClassIndexTest {
    @Test
    void theCleanUpAfterEachTaskIsHandedTheReplClassesNotEveryClassJavacKnows() {
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        try (CellEvaluator evaluator = TestEvaluators.withJavaUtil(warnings)) {
            evaluator.eval("class Point { int x = 1; }", 1);
            assertEquals(1, evaluator.eval("new Point().x", 2).value());
            evaluator.eval("class Point { int x = 2; int y = 3; }", 3);
            assertEquals(5, evaluator.eval("new Point().x + new Point().y", 4).value());
            evaluator.eval("record Pair(List<String> names, Point at) { }", 5);
            assertEquals(List.of("a"), evaluator.eval("new Pair(List.of(\"a\"), new Point()).names()", 6).value());

            List<ReplClassIndex.IndexedClasses> tables = evaluator.indexedClassTables();
            assertFalse(tables.isEmpty(), "JShell's compiler contexts are indexed: " + warnings);
            int walks = 0;
            int known = 0;
            for (ReplClassIndex.IndexedClasses table : tables) {
                assertTrue(table.lastWalked <= 20, "the clean-up is handed the REPL's classes: " + table.lastWalked);
                walks += table.walks;
                known = Math.max(known, table.size());
            }
            assertTrue(known > 1000, "where the walk went through every class javac knows: " + known);
            assertTrue(walks >= 6, "JShell's clean-up went through the index after the tasks of the cells: " + walks);
            assertEquals("", warnings.toString());
        }
    }

    @Test
    void aCallerOtherThanJShellStillGetsEveryClass() {
        try (CellEvaluator evaluator = TestEvaluators.withJavaUtil(new ByteArrayOutputStream())) {
            evaluator.eval("int a = 1;", 1);
            evaluator.eval("a + 1", 2);
            for (ReplClassIndex.IndexedClasses table : evaluator.indexedClassTables()) {
                assertEquals(table.size(), table.values().size());
            }
        }
    }
}
