package dev.djinn.kernel.magic;

import dev.djinn.kernel.eval.CellEvaluator;
import dev.djinn.kernel.history.SessionHistory;
import dev.djinn.magics.DjinnMagics;
import dev.djinn.magics.LocalRepository;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.MagicRegistry;
import dev.djinn.magics.everyday.TimeitMagic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The magics that run code, through the kernel's real JShell evaluator. */
class MagicsInKernelTest {
    private static CellEvaluator evaluator;
    private static KernelSession session;
    private static final MagicRegistry MAGICS = DjinnMagics.registry();

    @TempDir
    Path dir;

    @BeforeAll
    static void startJShell() {
        evaluator = new CellEvaluator(CellEvaluator.systemClasspath(), InputStream.nullInputStream(), System.out, System.err);
        session = new KernelSession(() -> evaluator, MAGICS, value -> System.out.println(value), new SessionHistory(null));
    }

    @AfterAll
    static void closeJShell() {
        evaluator.close();
    }

    /** Runs a cell with magics as the kernel does and returns the last part's value. */
    private static Object cell(String code) {
        return session.runCell(code);
    }

    private static String printed(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString();
    }

    @Test
    void timeRunsTheCodeOncePrintsBothTimesAndGivesItsValue() {
        String[] value = new String[1];
        String out = printed(() -> value[0] = String.valueOf(cell("int slept = 0;\n%time { Thread.sleep(120); slept++; }\nslept")));
        // the wall time includes the 120 ms sleep (more on a loaded machine: no upper bound here)
        assertTrue(out.matches("CPU time: [\\d.]+ (ns|µs|ms|s), wall time: [\\d.]+ (ms|s)\\n"), out);
        assertTrue(out.endsWith(" s\n") || Double.parseDouble(out.replaceAll("(?s).*wall time: ([\\d.]+) ms\\n", "$1")) >= 120, out);
        assertEquals("1", value[0], "the statement ran exactly once");
        String cellOut = printed(() -> value[0] = String.valueOf(cell("%%time\nint a = 20;\na * 2")));
        assertTrue(cellOut.startsWith("CPU time: "), cellOut);
        assertEquals("40", value[0]);
    }

    @Test
    void timeitPicksLoopsAndReportsMeanAndDeviation() {
        cell("long counter = 0;");
        TimeitMagic.Result result = (TimeitMagic.Result) cell("%timeit -r 3 counter++");
        assertEquals(3, result.runs());
        assertTrue(result.loops() >= 1000 && Math.log10(result.loops()) % 1 == 0, "a power of ten: " + result.loops());
        assertTrue(result.toString().matches("[\\d.]+ (ns|µs) ± [\\d.]+ (ns|µs) per loop \\(mean ± std\\. dev\\. of 3 runs, [\\d,]+ loops each; best .*\\)"), result.toString());
        long counted = (Long) cell("counter");
        assertTrue(counted >= result.loops() * 4, "the loop ran the code: " + counted);
        TimeitMagic.Result fixed = (TimeitMagic.Result) cell("%%timeit -n 5 -r 2\nString s = \"a\";\ns = s + \"b\";");
        assertEquals(5, fixed.loops());
        assertEquals(2, fixed.runs());
        assertTrue(assertThrows(MagicException.class, () -> cell("%timeit -n zero 1+1")).getMessage().startsWith("-n takes a whole number"));
    }

    @Test
    void whoSeesTheCellsVariables() {
        cell("String salutation = \"hi\"; double[] weights = {0.5, 0.25};");
        String table = cell("%who").toString();
        assertTrue(table.contains("salutation") && table.contains("String") && table.contains("\"hi\""), table);
        assertTrue(table.contains("weights") && table.contains("double[]"), table);
        assertTrue(cell("%who String").toString().contains("salutation"));
        assertTrue(!cell("%who String").toString().contains("weights"));
    }

    @Test
    void loadRunsAScriptAndANotebookInThisSession() throws Exception {
        Path script = dir.resolve("helpers.jsh");
        Files.writeString(script, "int twice(int x) { return 2 * x; }\nint loaded = twice(21);\n");
        printed(() -> cell("%load " + script));
        assertEquals(42, cell("loaded"));
        Path notebook = dir.resolve("book.ipynb");
        Files.writeString(notebook, "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"int fromBook = twice(5);\"]}], \"nbformat\": 4}");
        String out = printed(() -> cell("%load " + notebook));
        assertEquals("Loaded 1 code cell of book.ipynb\n", out);
        assertEquals(10, cell("fromBook"));
    }

    @Test
    void mavenAddsAResolvedJarThatCellsThenUse() throws Exception {
        Path repository = LocalRepository.create(dir);
        System.setProperty("maven.repo.local", repository.toString());
        try {
            String answer = cell("%maven --offline dev.djinn.test:greeting:1.0").toString();
            assertTrue(answer.startsWith("Resolved 2 jars, added 2"), answer);
            assertEquals("hello from a jar", cell("greeting.Hello.greet()"));
            assertTrue(cell("%classpath").toString().contains("greeting-1.0.jar"));
        } finally {
            System.clearProperty("maven.repo.local");
        }
    }

    /** Libraries find ServiceLoader providers through the context class loader: in a cell it sees added jars. */
    @Test
    void serviceProvidersInAnAddedJarAreFoundByCellCode() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("svc-src/svc"));
        Files.writeString(sources.resolve("Hello.java"), "package svc; public class Hello implements Runnable { public void run() { } }");
        Path classes = Files.createDirectories(dir.resolve("svc-classes"));
        assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                sources.resolve("Hello.java").toString()));
        Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(classes.resolve("META-INF/services/java.lang.Runnable"), "svc.Hello\n");
        printed(() -> cell("%classpath " + classes));
        assertEquals(List.of("svc.Hello"), cell("java.util.ServiceLoader.load(Runnable.class).stream().map(p -> p.type().getName()).toList()"));
    }
}
