package dev.djinn.kernel.eval;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A damaged jar never leaves the session unable to run cells. */
class DamagedClasspathTest {
    @TempDir
    Path folder;
    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    private CellEvaluator evaluator;

    @BeforeEach
    void startJShell() {
        evaluator = TestEvaluators.withJavaUtil(warnings);
        evaluator.eval("var list = new ArrayList<String>(List.of(\"x\")); int n = 5;\n"
                + "record Point(int x, int y) { }\nint twice(int a) { return 2 * a; }\nvar p = new Point(1, 2);", 2);
    }

    @AfterEach
    void closeJShell() {
        evaluator.close();
    }

    @Test
    void aTruncatedJarIsRefusedWithASentence() throws IOException {
        Path truncated = folder.resolve("truncated.jar");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(validJar("whole.jar")), 100));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> evaluator.addToClasspath(truncated.toString()));
        assertTrue(refused.getMessage().contains("is not a readable jar"), refused.getMessage());
        assertEquals(2, evaluator.eval("1+1", 3).value());
    }

    @Test
    void devicesAndPipesAreRefusedWithoutReadingThem() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> evaluator.addToClasspath("/dev/zero"));
        Path fifo = folder.resolve("pipe.jar");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> evaluator.addToClasspath(fifo.toString()));
        assertTrue(refused.getMessage().contains("not a regular file"), refused.getMessage());
        assertEquals(2, evaluator.eval("1+1", 3).value());
    }

    @Test
    void aJarDamagedAfterItWasAddedRestartsTheCompilerWithTheSessionKept() throws IOException {
        Path jar = validJar("later-damaged.jar");
        Object listBefore = evaluator.eval("list", 3).value();
        evaluator.addToClasspath(jar.toString());
        Files.write(jar, new byte[] {1, 2, 3}); // rewritten by a build, say, before the compiler first opened it

        assertEquals(2, evaluator.eval("1+1", 4).value());

        assertTrue(listBefore == evaluator.eval("list", 5).value(), "the very same object");
        assertEquals(5, evaluator.eval("n", 6).value());
        assertEquals(14, evaluator.eval("twice(7)", 7).value());
        assertEquals(3, evaluator.eval("new Point(3, 4).x()", 8).value());
        String note = warnings.toString();
        assertTrue(note.contains("the Java compiler failed") && note.contains("later-damaged.jar"), note);
        assertTrue(note.contains("variable p"), "a value of a cell-defined class cannot move to the new session, and the note says so: " + note);
    }

    private Path validJar(String name) throws IOException {
        Path jar = folder.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("hello.txt"));
            out.write("hello".getBytes());
            out.closeEntry();
        }
        return jar;
    }
}
