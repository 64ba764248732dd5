package dev.djinn.kernel.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * javac's class path index, and the service files it looks up for plugins, live from one cell's compile to the next,
 * and a class path change still reaches them.
 */
class ClassPathIndexKeeperTest {
    @TempDir
    Path folder;

    @Test
    void theSameMultiReleaseValueReachesTheFileManagerOnceAndOtherOptionsAlways() {
        List<String> reached = new ArrayList<>();
        StandardJavaFileManager recorder = (StandardJavaFileManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StandardJavaFileManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("handleOption")) {
                        Iterator<?> values = (Iterator<?>) args[1];
                        reached.add(args[0] + " " + (values.hasNext() ? values.next() : ""));
                        return true;
                    }
                    return null;
                });
        ClassPathIndexKeeper keeper = new ClassPathIndexKeeper(recorder);

        for (int task = 0; task < 5; task++) {
            assertTrue(keeper.handleOption("--multi-release", List.of("17").iterator()), "taken, so javac does not reject it");
        }
        keeper.handleOption("-classpath", List.of("/a.jar").iterator());
        keeper.handleOption("-classpath", List.of("/a.jar").iterator());
        keeper.handleOption("--multi-release", List.of("21").iterator());

        assertEquals(List.of("--multi-release 17", "-classpath /a.jar", "-classpath /a.jar", "--multi-release 21"), reached);
    }

    @Test
    void aJarAddedAfterManyCompilesIsSeenByTheNextCell() throws IOException {
        try (CellEvaluator evaluator = TestEvaluators.withJavaUtil(new ByteArrayOutputStream())) {
            for (int cell = 1; cell <= 5; cell++) {
                evaluator.eval("int v" + cell + " = " + cell + ";", cell); // javac has indexed the class path by now
            }
            evaluator.addToClasspath(jarWithGreeter().toString());
            assertEquals("hello 5", evaluator.eval("new demo.Greeter().greet(v5)", 6).value());
        }
    }

    @Test
    void serviceFilesOnTheClassPathAreListedOnceUntilTheClassPathChanges() throws IOException {
        String service = "META-INF/services/com.sun.source.util.Plugin";
        Path withPlugin = jar("plugin.jar", service, "demo.SomePlugin\n");
        Path without = jar("plain.jar", "demo/readme.txt", "no plugins here");
        StandardJavaFileManager standard = ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
        try (ClassPathIndexKeeper keeper = new ClassPathIndexKeeper(standard)) {
            keeper.handleOption("-classpath", List.of(withPlugin.toString()).iterator());
            assertEquals(1, listed(keeper, service).stream().filter(url -> url.contains("plugin.jar")).count());

            Files.delete(withPlugin); // a fresh look at the class path would no longer find it
            assertEquals(1, listed(keeper, service).stream().filter(url -> url.contains("plugin.jar")).count(),
                    "the next task's loader is told what the first found");
            assertTrue(listed(keeper, "demo/readme.txt").isEmpty(), "other resources are looked up as always");

            keeper.handleOption("-classpath", List.of(without.toString()).iterator());
            assertTrue(listed(keeper, service).stream().noneMatch(url -> url.contains("plugin.jar")), "a new class path is looked at");
            assertEquals(1, listed(keeper, "demo/readme.txt").size());
        }
    }

    private static List<String> listed(ClassPathIndexKeeper keeper, String resource) throws IOException {
        ClassLoader loader = keeper.getClassLoader(StandardLocation.CLASS_PATH);
        try {
            return Collections.list(loader.getResources(resource)).stream().map(URL::toString).toList();
        } finally {
            ((Closeable) loader).close(); // javac closes it after the task
        }
    }

    private Path jar(String name, String entry, String text) throws IOException {
        Path jar = folder.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private Path jarWithGreeter() throws IOException {
        Path source = Files.writeString(Files.createDirectories(folder.resolve("src/demo")).resolve("Greeter.java"),
                "package demo; public class Greeter { public String greet(int n) { return \"hello \" + n; } }");
        Path classes = Files.createDirectories(folder.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), source.toString()));
        Path jar = folder.resolve("greeter.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("demo/Greeter.class"));
            out.write(Files.readAllBytes(classes.resolve("demo/Greeter.class")));
        }
        return jar;
    }
}
