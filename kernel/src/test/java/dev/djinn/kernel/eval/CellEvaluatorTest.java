package dev.djinn.kernel.eval;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellEvaluatorTest {
    private static CellEvaluator evaluator;
    private static final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

    @BeforeAll
    static void startJShell() {
        evaluator = new CellEvaluator(CellEvaluator.systemClasspath(), InputStream.nullInputStream(),
                System.out, new PrintStream(warnings, true));
    }

    @AfterAll
    static void closeJShell() {
        evaluator.close();
    }

    @Test
    void theLastExpressionIsTheRealObjectNotItsString() {
        CellResult result = evaluator.eval("var sb = new StringBuilder(\"abc\");\nsb", 1);
        assertTrue(result.hasValue());
        assertTrue(result.value() instanceof StringBuilder);
        CellResult again = evaluator.eval("sb", 2);
        assertSame(result.value(), again.value(), "the same object lives on between cells");
    }

    @Test
    void everySnippetOfACellRunsInOrder() {
        CellResult result = evaluator.eval("int a = 2;\nint b = a * 3;\nString twice(String s) { return s + s; }\ntwice(\"x\") + b", 3);
        assertEquals("xx6", result.value());
        assertEquals("\"xx6\"", result.text());
    }

    @Test
    void declarationsAndVoidCallsHaveNoValue() {
        assertFalse(evaluator.eval("int declared = 1;", 4).hasValue());
        assertFalse(evaluator.eval("System.out.print(\"\")", 5).hasValue());
    }

    @Test
    void aMissingSemicolonOnTheLastLineIsFine() {
        assertFalse(evaluator.eval("int noSemicolon = 5", 6).hasValue());
        assertEquals(5, evaluator.eval("noSemicolon", 7).value());
    }

    @Test
    void compileErrorsPointAtTheCellLineAndColumn() {
        CellCompileException error = assertThrows(CellCompileException.class,
                () -> evaluator.eval("int ok = 1;\n\n  String s = ok + undefinedThing;", 8));
        CompileDiagnostic diagnostic = error.diagnostics().get(0);
        assertEquals(3, diagnostic.line());
        assertEquals(19, diagnostic.column());
        assertEquals("undefinedThing".length(), diagnostic.length());
        assertEquals("  String s = ok + undefinedThing;", diagnostic.sourceLine());
        assertTrue(diagnostic.message().startsWith("cannot find symbol"));
    }

    @Test
    void nothingOfACellWithASyntaxErrorRuns() {
        CellCompileException error = assertThrows(CellCompileException.class,
                () -> evaluator.eval("int ranBeforeTheError = 1;\nSystem.out.println(\"side effect\");\nint broken = ;\nint after = 2;", 40));
        assertEquals(3, error.diagnostics().get(0).line(), "the error points at the broken line");
        assertEquals(14, error.diagnostics().get(0).column(), "at the semicolon where an expression was expected");
        assertEquals("illegal start of expression", error.diagnostics().get(0).message());
        assertFalse(evaluator.defines("ranBeforeTheError"), "the line before the syntax error did not run");
        assertFalse(evaluator.defines("after"));
    }

    @Test
    void aNameDefinedEarlierInTheSameCellIsNotASyntaxError() {
        assertEquals(9, evaluator.eval("int definedHere = 4;\nint useIt() { return definedHere + 5; }\nuseIt()", 41).value());
        assertEquals("ab", evaluator.eval("import java.util.function.*;\nrecord Pair(String a, String b) {}\nvar p = new Pair(\"a\", \"b\");\n"
                + "p.a() + p.b()", 42).value());
        // an expression ending in a semicolon (d2l-java writes "accuracy(yHat, y) / y.size();"), a comment after it
        assertEquals(3, evaluator.eval("int defined = 6;\ndefined / 2;", 45).value());
        assertEquals(8, evaluator.eval("int twice = 4;\ntwice * 2; // doubled", 46).value());
        assertEquals(3, evaluator.eval("var total = 0;\nfor (int i = 0; i < 3; i++) { total++; }\nswitch (total) { case 3 -> total = 3; default -> total = -1; }\ntotal", 43).value());
    }

    @Test
    void aNameThatDoesNotResolveStopsTheCellThereAsBefore() {
        assertThrows(CellCompileException.class, () -> evaluator.eval("int beforeUnknown = 7;\nint y = noSuchName + 1;", 44));
        assertTrue(evaluator.defines("beforeUnknown"), "only syntax is checked before running: names resolve as the cell runs");
    }

    @Test
    void runtimeExceptionsKnowWhichCellLineThrew() {
        CellRuntimeException error = assertThrows(CellRuntimeException.class,
                () -> evaluator.eval("int fine = 0;\nint boom = 10 / fine;", 9));
        assertEquals("java.lang.ArithmeticException", error.thrown().getExceptionClassName());
        StackTraceElement top = error.thrown().getStackTrace()[0];
        SnippetOrigins.Origin origin = error.origins().ofFrameFile(top.getFileName()).orElseThrow();
        assertEquals(9, origin.cell());
        assertEquals(2, origin.cellLine(top.getLineNumber()));
    }

    @Test
    void systemExitInACellThrowsInsteadOfEndingTheJvm() {
        CellRuntimeException error = assertThrows(CellRuntimeException.class, () -> evaluator.eval("System.exit(4);", 10));
        assertEquals(CellExitException.class.getName(), error.thrown().getExceptionClassName());
        assertTrue(error.getMessage().contains("System.exit(4)"));
    }

    @Test
    void anInterruptStopsABusyLoopAndKeepsEarlierVariables() throws Exception {
        evaluator.eval("int keep = 11;", 11);
        CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> {
            try {
                evaluator.eval("while (true) { keep = keep + 0; }", 12);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        Thread.sleep(500);
        evaluator.interrupt();
        assertTrue(running.get(20, TimeUnit.SECONDS) instanceof CellInterruptedException);
        assertEquals(11, evaluator.eval("keep", 13).value());
    }

    @Test
    void aDeclarationWaitingForAMissingNameIsANoteNotAnError() {
        warnings.reset();
        evaluator.eval("int usesLater() { return notYetDefined(); }", 14);
        assertTrue(warnings.toString().contains("cannot be used until"), warnings.toString());
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> evaluator.eval("usesLater()", 15));
        assertTrue(error.getMessage().contains("notYetDefined()"), error.getMessage());
        evaluator.eval("int notYetDefined() { return 3; }", 16);
        assertEquals(3, evaluator.eval("usesLater()", 17).value());
    }

    @Test
    void cellsSeeTheKernelsClassPath() {
        assertEquals("dev.djinn.Djinn", evaluator.eval("dev.djinn.Djinn.class.getName()", 18).value());
    }
}
