package dev.djinn.kernel.errors;

import dev.djinn.kernel.eval.CellCompileException;
import dev.djinn.kernel.eval.CellEvaluator;
import dev.djinn.kernel.eval.CellInterruptedException;
import dev.djinn.kernel.eval.CellRuntimeException;
import dev.djinn.kernel.eval.CompileDiagnostic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorFormattingTest {
    private static CellEvaluator evaluator;
    private final KernelErrorFormatter formatter = new KernelErrorFormatter();

    @BeforeAll
    static void startJShell() {
        evaluator = new CellEvaluator(CellEvaluator.systemClasspath(), InputStream.nullInputStream(), System.out, System.err);
    }

    @AfterAll
    static void closeJShell() {
        evaluator.close();
    }

    private static String plain(List<String> lines) {
        return lines.stream().map(line -> line.replaceAll("\u001b\\[[0-9;]*m", "")).collect(Collectors.joining("\n"));
    }

    @Test
    void aCompileErrorShowsTheLineWithACaretUnderTheSpot() {
        CellCompileException error = new CellCompileException(List.of(
                new CompileDiagnostic(2, 9, 3, "cannot find symbol\n  symbol:   variable foo\n  location: class ", "int y = foo + 1;")));
        ErrorReport report = formatter.format(error);
        assertEquals("CompileError", report.ename());
        assertEquals("cannot find symbol (line 2, column 9)", report.evalue());
        assertEquals(String.join("\n",
                "Compile error at line 2, column 9: cannot find symbol",
                "  symbol:   variable foo",
                "   2 | int y = foo + 1;",
                "     |         ^^^"), plain(report.traceback()));
    }

    @Test
    void aRuntimeErrorShowsUserFramesAsCellLinesAndHidesJShell() {
        evaluator.eval("int parse(String s) {\n  return Integer.parseInt(s);\n}", 3);
        CellRuntimeException error = assertThrows(CellRuntimeException.class, () -> evaluator.eval("int ok = 1;\nparse(\"x\")", 4));
        ErrorReport report = formatter.format(error);
        assertEquals("NumberFormatException", report.ename());
        assertEquals("For input string: \"x\"", report.evalue());
        String text = plain(report.traceback());
        assertTrue(text.startsWith("java.lang.NumberFormatException: For input string: \"x\""), text);
        assertTrue(text.contains("at java.base/java.lang.Integer.parseInt"), text);
        assertTrue(text.contains("at cell [3] line 2 in parse:  return Integer.parseInt(s);"), text);
        assertTrue(text.contains("at cell [4] line 2:  parse(\"x\")"), text);
        assertFalse(text.contains("jdk.jshell") || text.contains("reflect") || text.contains("dev.djinn"), text);
    }

    @Test
    void aFailingDeclarationShowsItsCellLineOnce() {
        CellRuntimeException error = assertThrows(CellRuntimeException.class,
                () -> evaluator.eval("var n = Integer.valueOf(\"seven\");", 7)); // a reference type: JShell desugars it in a helper
        String text = plain(formatter.format(error).traceback());
        assertEquals(1, text.split("at cell \\[7\\] line 1", -1).length - 1, text);
    }

    @Test
    void causesAreShownToo() {
        CellRuntimeException error = assertThrows(CellRuntimeException.class,
                () -> evaluator.eval("throw new IllegalStateException(\"outer\", new java.io.IOException(\"disk full\"));", 5));
        String text = plain(formatter.format(error).traceback());
        assertTrue(text.contains("Caused by: java.io.IOException: disk full"), text);
    }

    @Test
    void deepRecursionIsCollapsed() {
        CellRuntimeException error = assertThrows(CellRuntimeException.class,
                () -> evaluator.eval("int deeper(int n) { return deeper(n + 1); }\ndeeper(0)", 6));
        ErrorReport report = formatter.format(error);
        assertEquals("StackOverflowError", report.ename());
        assertTrue(report.traceback().size() < 40, "lines: " + report.traceback().size());
        assertTrue(plain(report.traceback()).contains("the frame above repeats"));
        assertTrue(plain(report.traceback()).contains("Look for a recursion without an end case"));
    }

    @Test
    void kernelSideFailuresShowTheirMessageWithoutKernelFrames() {
        ErrorReport report = formatter.format(new IllegalStateException("method m cannot be used until x is defined"));
        assertEquals("IllegalStateException", report.ename());
        assertEquals(List.of("IllegalStateException: method m cannot be used until x is defined"), List.of(plain(report.traceback())));
        assertEquals("Interrupted", formatter.format(new CellInterruptedException()).ename());
    }
}
