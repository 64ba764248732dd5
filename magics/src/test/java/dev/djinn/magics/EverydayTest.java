package dev.djinn.magics;

import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.CellPartFailure;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.MagicInterruptedException;
import dev.djinn.magics.dispatch.MagicRegistry;
import dev.djinn.magics.dispatch.Session;
import dev.djinn.magics.mime.MimeBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EverydayTest {
    private final MagicRegistry registry = DjinnMagics.registry();

    @TempDir
    Path dir;

    @Test
    void whoListsNameTypeAndAShortValue() {
        PlainSession session = new PlainSession().with("rate", 0.5).with("name", "x".repeat(100));
        String table = registry.run(new MagicCall("who", "", null), session).toString();
        assertTrue(table.startsWith("name  type    value\nrate  Double  0.5\nname  String  " + "x".repeat(59) + "…"), table);
        assertEquals(table, registry.run(new MagicCall("vars", "", null), session).toString());
        assertEquals("No variables of type int.", registry.run(new MagicCall("who", "int", null), session).toString());
    }

    @Test
    void whoShowsALargeTensorsHeaderNotDjlsOverflowNote() {
        String printed = "ND: (10000) cpu() float32\nExceed max print size:\n{0.733 , 0.1, … 9990 more}";
        String table = registry.run(new MagicCall("who", "", null), new PlainSession().with("noise", printed)).toString();
        assertTrue(table.contains("noise  String  ND: (10000) cpu() float32 (large: %tensor shows it)"), table);
    }

    @Test
    void classpathAddsJarsAndFoldersByGlobOnce() throws Exception {
        jar(dir.resolve("a.jar"));
        jar(dir.resolve("b.jar"));
        Files.createDirectories(dir.resolve("classes"));
        PlainSession session = new PlainSession();
        String added = registry.run(new MagicCall("jars", dir + "/*.jar", null), session).toString();
        assertTrue(added.startsWith("Added 2 to the class path:"), added);
        assertEquals(List.of(dir.resolve("a.jar"), dir.resolve("b.jar")), session.classpath);
        assertEquals("Already on the class path: 2 paths.", registry.run(new MagicCall("classpath", dir + "/*.jar", null), session).toString());
        registry.run(new MagicCall("classpath", dir.resolve("classes").toString(), null), session);
        assertEquals(3, session.classpath.size());
        assertTrue(assertThrows(MagicException.class, () -> registry.run(new MagicCall("jars", dir.resolve("classes").toString(), null), session))
                .getMessage().contains("is not a jar"));
        assertTrue(assertThrows(MagicException.class, () -> registry.run(new MagicCall("classpath", dir + "/*.zip", null), session))
                .getMessage().startsWith("Nothing matches"));
    }

    /** Resolves a jar and its dependency, compiled and installed into a local Maven repository for the test. */
    @Test
    void classpathRefusesWhatIsNotAJarOrAFolderAndAddsNothing() throws Exception {
        jar(dir.resolve("good.jar"));
        Files.write(dir.resolve("truncated.jar"), Arrays.copyOf(Files.readAllBytes(dir.resolve("good.jar")), 60));
        PlainSession session = new PlainSession();
        String refused = assertThrows(MagicException.class, () -> registry.run(new MagicCall("classpath", dir + "/*.jar", null), session)).getMessage();
        assertTrue(refused.contains("truncated.jar is not a readable jar") && refused.contains("Nothing was added."), refused);
        assertEquals(List.of(), session.classpath);
        String device = assertThrows(MagicException.class, () -> registry.run(new MagicCall("classpath", "/dev/zero", null), session)).getMessage();
        assertTrue(device.contains("/dev/zero is not a regular file"), device);
        assertEquals(List.of(), session.classpath);
    }

    @Test
    void aBrokenGlobIsASentence() {
        String message = assertThrows(MagicException.class, () -> registry.run(new MagicCall("classpath", "[", null), new PlainSession())).getMessage();
        assertTrue(message.startsWith("\"[\" is not a valid pattern"), message);
    }

    static void jar(Path path) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(path))) {
            out.putNextEntry(new JarEntry("note.txt"));
            out.write("a jar".getBytes());
            out.closeEntry();
        }
    }

    @Test
    void mavenResolvesTransitivelyFromTheLocalRepositoryAndAddsEachJarOnce() throws Exception {
        Path repository = LocalRepository.create(dir);
        String before = System.getProperty("maven.repo.local");
        System.setProperty("maven.repo.local", repository.toString());
        try {
            PlainSession session = new PlainSession();
            String answer = registry.run(new MagicCall("maven", "--offline dev.djinn.test:greeting:1.0", null), session).toString();
            assertEquals("Resolved 2 jars, added 2:\ngreeting-1.0.jar\nwords-1.0.jar", answer);
            try (var loader = new java.net.URLClassLoader(session.classpath.stream().map(EverydayTest::url).toArray(java.net.URL[]::new))) {
                assertEquals("hello from a jar", loader.loadClass("greeting.Hello").getMethod("greet").invoke(null), "the jars work together");
            }
            assertEquals("Resolved 1 jar, added 0 (1 already on the class path).",
                    registry.run(new MagicCall("maven", "--offline dev.djinn.test:words:1.0", null), session).toString());
            assertTrue(assertThrows(MagicException.class, () -> registry.run(new MagicCall("maven", "--offline no.such:artifact:9.9", null), session))
                    .getMessage().startsWith("Could not resolve no.such:artifact:jar:9.9 from the local repository"));
        } finally {
            if (before == null) {
                System.clearProperty("maven.repo.local");
            } else {
                System.setProperty("maven.repo.local", before);
            }
        }
        assertTrue(assertThrows(MagicException.class, () -> registry.run(new MagicCall("maven", "gson", null), new PlainSession()))
                .getMessage().startsWith("\"gson\" is not group:artifact:version"));
    }

    /** Jars the kernel (here: the test) already has are not added again. */
    @Test
    void jarsAlreadyOnTheClassPathAreNotAdded() {
        String answer = registry.run(new MagicCall("maven", "--offline org.opentest4j:opentest4j:1.3.0", null), new PlainSession()).toString();
        assertEquals("Resolved 1 jar, added 0 (1 already on the class path).", answer);
    }

    private static java.net.URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void envShowsAndSetsVariables() {
        PlainSession session = new PlainSession();
        assertTrue(registry.run(new MagicCall("env", "", null), session).toString().contains("PATH="));
        assertEquals("env: DJINN_TEST_VALUE=42", registry.run(new MagicCall("env", "DJINN_TEST_VALUE=42", null), session));
        assertEquals("42", System.getenv("DJINN_TEST_VALUE"));
        assertEquals("42", new ProcessBuilder().environment().get("DJINN_TEST_VALUE"), "processes started with environment() see it");
        assertEquals("42", registry.run(new MagicCall("env", "DJINN_TEST_VALUE", null), session));
        assertTrue(assertThrows(MagicException.class, () -> registry.run(new MagicCall("env", "NOT_SET_ANYWHERE_X", null), session))
                .getMessage().startsWith("There is no environment variable NOT_SET_ANYWHERE_X."));
    }

    @Test
    void loadReadsTheCodeCellsOfANotebook() throws Exception {
        Path notebook = dir.resolve("n.ipynb");
        Files.writeString(notebook, "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": [\"# title\"]},"
                + "{\"cell_type\": \"code\", \"source\": [\"int a = 1;\\n\", \"a\"]}, {\"cell_type\": \"code\", \"source\": \"%gpu\"},"
                + "{\"cell_type\": \"code\", \"source\": \"a + 1\"}], \"nbformat\": 4}");
        assertEquals(List.of("int a = 1;\na", "%gpu", "a + 1"), dev.djinn.magics.everyday.LoadMagicCells.of(notebook));
        assertTrue(assertThrows(MagicException.class, () -> registry.run(new MagicCall("load", dir.resolve("none.jsh").toString(), null), new PlainSession()))
                .getMessage().startsWith("There is no file"));
    }

    @Test
    void loadFindsAFileWithoutItsExtensionAsIJavaDoes() throws Exception {
        Path notebook = dir.resolve("djl-imports.ipynb");
        Files.writeString(notebook, "{\"cells\": [{\"cell_type\": \"code\", \"source\": \"answer\"}], \"nbformat\": 4}");
        Path script = dir.resolve("helpers.jsh");
        Files.writeString(script, "answer");
        PlainSession session = new PlainSession().with("answer", 42);
        assertEquals(42, registry.run(new MagicCall("load", dir.resolve("djl-imports").toString(), null), session));
        assertEquals(42, registry.run(new MagicCall("load", dir.resolve("helpers").toString(), null), session), ".jsh comes first");
        MagicException missing = assertThrows(MagicException.class,
                () -> registry.run(new MagicCall("load", dir.resolve("nothing").toString(), null), new PlainSession()));
        assertTrue(missing.getMessage().contains("also with .jsh, .jshell, .java, .jav, .ipynb)."), missing.getMessage());
    }

    @Test
    void loadRunsANotebooksMagicCellsInOrderAsIJavaDoes() throws Exception {
        Path notebook = dir.resolve("with-magics.ipynb");
        Files.writeString(notebook, "{\"cells\": [{\"cell_type\": \"code\", \"source\": \"%env DJINN_LOADED_MAGIC=ran\"},"
                + "{\"cell_type\": \"code\", \"source\": [\"%env DJINN_LOADED_SECOND=too\\n\", \"answer\"]}], \"nbformat\": 4}");
        PlainSession session = new PlainSession().with("answer", 42);
        assertEquals(42, registry.run(new MagicCall("load", notebook.toString(), null), session));
        assertEquals("ran", System.getenv("DJINN_LOADED_MAGIC"));
        assertEquals("too", System.getenv("DJINN_LOADED_SECOND"));
        assertTrue(session.printed.toString().contains("Loaded 2 code cells of with-magics.ipynb"), session.printed.toString());
    }

    @Test
    void anErrorInALoadedNotebookNamesItsCellAndWhatOfTheCellDidNotRun() throws Exception {
        Path notebook = dir.resolve("broken.ipynb");
        Files.writeString(notebook, "{\"cells\": [{\"cell_type\": \"code\", \"source\": \"answer\"},"
                + "{\"cell_type\": \"code\", \"source\": \"missing\"}], \"nbformat\": 4}");
        PlainSession session = new PlainSession().with("answer", 42);
        CellPartFailure failure = assertThrows(CellPartFailure.class,
                () -> session.runCell("%load " + notebook + "\n%env DJINN_AFTER_FAILED_LOAD=ran"));
        assertEquals(List.of("%env DJINN_AFTER_FAILED_LOAD=ran"), failure.notRun());
        CellPartFailure inside = assertInstanceOf(CellPartFailure.class, failure.getCause());
        assertEquals("broken.ipynb, code cell 2", inside.where());
        assertEquals("There is no variable missing.", inside.getCause().getMessage());
        assertNull(System.getenv("DJINN_AFTER_FAILED_LOAD"));
    }

    @Test
    void systemRunsAShellCommandAndShowsItsOutput() {
        PlainSession session = new PlainSession();
        assertNull(registry.run(new MagicCall("system", "echo one; echo two >&2", null), session));
        assertEquals("one\ntwo\n", session.printed.toString());
        assertEquals("exit 3: exit status 3", registry.run(new MagicCall("system", "exit 3", null), new PlainSession()),
                "a failing command says so without failing the cell");
        PlainSession missing = new PlainSession();
        assertEquals("nvidia-smi-not-here: exit status 127", registry.run(new MagicCall("sx", "nvidia-smi-not-here", null), missing));
        assertTrue(missing.printed.toString().contains("not found"), missing.printed.toString());
    }

    @Test
    void bashAndShRunTheCellAsAScriptWithArgumentsAndAFailingScriptFailsTheCell() {
        PlainSession session = new PlainSession();
        assertNull(registry.run(new MagicCall("bash", "-s one 'two words'", "echo \"$1|$2\"\nfor i in 1 2; do echo line $i; done\necho é >&2"), session));
        assertEquals("one|two words\nline 1\nline 2\né\n", session.printed.toString());
        MagicException failed = assertThrows(MagicException.class, () -> registry.run(new MagicCall("sh", "", "echo before\nexit 4"), new PlainSession()));
        assertTrue(failed.getMessage().startsWith("The %%sh script exited with status 4."), failed.getMessage());
        assertTrue(assertThrows(MagicException.class, () -> registry.run(new MagicCall("bash", "", "  \n"), new PlainSession()))
                .getMessage().startsWith("Write the script on the lines below %%bash."));
    }

    @Test
    void aLongScriptThatPrintsMuchBeforeItIsAllReadDoesNotStall() throws Exception {
        String script = "head -c 200000 /dev/zero | tr '\\0' x\n# " + "y".repeat(200_000) + "\necho; echo done";
        PlainSession session = new PlainSession();
        Thread cell = new Thread(() -> registry.run(new MagicCall("bash", "", script), session));
        cell.start();
        cell.join(20_000);
        assertTrue(!cell.isAlive(), "the script ran to its end (its output is read while its text is written)");
        assertEquals("x".repeat(200_000) + "\ndone\n", session.printed.toString());
    }

    @Test
    void anInterruptKillsARunningCommandAndItsChildren() throws Exception {
        Runnable[] stop = new Runnable[1];
        PlainSession session = new PlainSession() {
            @Override
            public Interruptible onInterrupt(Runnable action) {
                stop[0] = action;
                return () -> stop[0] = null;
            }
        };
        Path marker = dir.resolve("not-reached");
        RuntimeException[] thrown = new RuntimeException[1];
        Thread cell = new Thread(() -> {
            try {
                registry.run(new MagicCall("bash", "", "sleep 30 | cat\ntouch " + marker), session);
            } catch (RuntimeException e) {
                thrown[0] = e;
            }
        });
        long started = System.nanoTime();
        cell.start();
        while (stop[0] == null && cell.isAlive()) {
            Thread.sleep(10);
        }
        Thread.sleep(300); // the script is in its sleep
        stop[0].run();
        cell.join(10_000);
        assertTrue(!cell.isAlive() && System.nanoTime() - started < 10_000_000_000L, "the magic returned at once");
        Thread.sleep(200);
        assertTrue(!Files.exists(marker), "the script was killed, not only its first command");
        assertNull(stop[0], "the magic closed its interruptible stretch");
        assertInstanceOf(MagicInterruptedException.class, thrown[0], "the cell ends as interrupted");
        assertInstanceOf(MagicInterruptedException.class, assertThrows(RuntimeException.class,
                () -> registry.run(new MagicCall("system", "kill -INT $$", null), new PlainSession())), "Ctrl-C reaching the shell itself");
    }

    @Test
    void writefileWritesOverwritesAndAppendsAsIPythonSays() throws IOException {
        Path file = dir.resolve("sub/hello.py");
        PlainSession session = new PlainSession();
        assertNull(registry.run(new MagicCall("writefile", file.toString(), "print('hi')"), session));
        assertEquals("print('hi')\n", Files.readString(file));
        registry.run(new MagicCall("writefile", "'" + file + "'", "x = 1\n"), session);
        registry.run(new MagicCall("writefile", "-a " + file, "y = 2"), session);
        assertEquals("x = 1\ny = 2\n", Files.readString(file));
        assertEquals("Writing " + file + "\nOverwriting " + file + "\nAppending to " + file + "\n", session.printed.toString());
        assertTrue(assertThrows(MagicException.class, () -> registry.run(new MagicCall("writefile", "a b", "x"), session)).getMessage().startsWith("Give one file to write."));
        assertTrue(assertThrows(MagicException.class, () -> registry.run(new MagicCall("writefile", file.toString(), null), session)).getMessage().startsWith("%writefile is a cell magic"));
    }

    @Test
    void displayMagicsShowTheCellAsHtmlMarkdownLatexSvgOrJavaScript() {
        PlainSession session = new PlainSession();
        for (String[] use : new String[][] {{"html", "<b>bold</b>", "text/html"}, {"markdown", "# Title", "text/markdown"},
                {"latex", "$x^2$", "text/latex"}, {"svg", "<svg/>", "image/svg+xml"}, {"js", "alert(1)", "application/javascript"}}) {
            assertNull(registry.run(new MagicCall(use[0], "", use[1]), session), "shown, not a value (no Out[n])");
            MimeBundle shown = (MimeBundle) session.displayed.get(session.displayed.size() - 1);
            assertEquals(Map.of("text/plain", use[1], use[2], use[1]), shown.data(), use[0]);
        }
        assertTrue(assertThrows(MagicException.class, () -> registry.run(new MagicCall("html", "", ""), session)).getMessage().startsWith("Write the content"));
    }

    @Test
    void pwdIsTheFolderRelativePathsStartFrom() {
        assertEquals(Path.of("").toAbsolutePath().toString(), registry.run(new MagicCall("pwd", "", null), new PlainSession()));
    }

    @Test
    void loadRefusesADataFileTooLargeToBeCode() throws IOException {
        Path data = dir.resolve("big.csv");
        Files.write(data, new byte[9_000_000]);
        MagicException refused = assertThrows(MagicException.class, () -> registry.run(new MagicCall("load", data.toString(), null), new PlainSession()));
        assertTrue(refused.getMessage().startsWith(data + " has 9.0 MB: %load runs Java code"), refused.getMessage());
    }

    @Test
    void historyPrintsThisSessionsInputsAllOrByCellOrTheLastOnesAndSearchesEarlierSessions() {
        PlainSession session = new PlainSession();
        session.history.add(new Session.Input(1, 1, "var old = model().dense(10);"));
        session.history.add(new Session.Input(2, 1, "int a = 1;"));
        session.history.add(new Session.Input(2, 2, "for (int i = 0; i < 3; i++) {\n    a += i;\n}"));
        session.history.add(new Session.Input(2, 3, "var h = net.fit(data);"));
        session.history.add(new Session.Input(2, 4, "a"));
        assertEquals("int a = 1;\nfor (int i = 0; i < 3; i++) {\n    a += i;\n}\nvar h = net.fit(data);\na\n", history("", session));
        assertEquals("2: for (int i = 0; i < 3; i++) {\n       a += i;\n   }\n4: a\n", history("-n 2 4", session),
                "numbered, a cell's later lines under its first");
        assertEquals("var h = net.fit(data);\na\n", history("3-4", session), "a range includes both ends, as IPython's");
        assertEquals("3: var h = net.fit(data);\n4: a\n", history("-n -l 2", session));
        assertEquals("2/3: var h = net.fit(data);\n", history("-g fit", session));
        assertEquals("1/1: var old = model().dense(10);\n", history("-g dense", session), "earlier sessions are searched too");
        assertEquals("No input matches *nothing*.\n", history("-g nothing", session));
        assertEquals("2/1: int a = 1;\n", history("-g int a", session), "the words after -g are one pattern");
        assertEquals("No inputs to show.\n", history("9", session));
        for (String[] bad : new String[][] {{"x", "\"x\" is not a cell number or range"}, {"5-2", "the range 5-2 ends before it starts: give 2-5"},
                {"-l", "-l needs how many"}, {"-l 0", "%history -l takes a whole number of at least 1, not 0."}}) {
            MagicException refused = assertThrows(MagicException.class, () -> history(bad[0], session), bad[0]);
            assertTrue(refused.getMessage().contains(bad[1]), refused.getMessage());
        }
        assertEquals(registry.find("history"), registry.find("hist"));
    }

    private String history(String args, PlainSession session) {
        session.printed.setLength(0);
        assertNull(registry.run(new MagicCall("history", args, null), session), "printed, not a value");
        return session.printed.toString();
    }
}
