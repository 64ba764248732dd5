package dev.djinn.magics;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A Maven local repository made for a test: {@code dev.djinn.test:greeting:1.0} (class {@code greeting.Hello}) which
 * depends on {@code dev.djinn.test:words:1.0} (class {@code words.Words}), compiled and jarred for real, and, in test
 * scope, on an artifact that is not there.
 */
public final class LocalRepository {
    private LocalRepository() {
    }

    public static Path create(Path root) throws IOException {
        Path sources = Files.createDirectories(root.resolve("sources"));
        Path classes = Files.createDirectories(root.resolve("classes"));
        Path repository = Files.createDirectories(root.resolve("repository"));
        write(sources.resolve("words/Words.java"), "package words; public final class Words { public static String hello() { return \"hello from a jar\"; } }");
        write(sources.resolve("greeting/Hello.java"), "package greeting; public final class Hello { public static String greet() { return words.Words.hello(); } }");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-d", classes.toString(), sources.resolve("words/Words.java").toString(),
                sources.resolve("greeting/Hello.java").toString());
        if (status != 0) {
            throw new IllegalStateException("javac failed");
        }
        install(repository, "words", classes, "words/Words.class", "");
        install(repository, "greeting", classes, "greeting/Hello.class",
                "<dependencies><dependency><groupId>dev.djinn.test</groupId><artifactId>words</artifactId><version>1.0</version></dependency>"
                        // test-scoped and absent: resolving as Maven does must leave it out
                        + "<dependency><groupId>dev.djinn.test</groupId><artifactId>only-for-tests</artifactId><version>1.0</version>"
                        + "<scope>test</scope></dependency></dependencies>");
        return repository;
    }

    /**
     * Installs {@code group:artifact:version} as a jar holding {@code entries} (path → bytes) and a POM without
     * dependencies.
     */
    public static Path install(Path repository, String group, String artifact, String version, java.util.Map<String, byte[]> entries) throws IOException {
        Path folder = Files.createDirectories(repository.resolve(group.replace('.', '/') + "/" + artifact + "/" + version));
        Path jarFile = folder.resolve(artifact + "-" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(jarFile); JarOutputStream jar = new JarOutputStream(out)) {
            for (var entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
        write(folder.resolve(artifact + "-" + version + ".pom"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId><version>" + version + "</version></project>");
        return jarFile;
    }

    private static void install(Path repository, String artifact, Path classes, String classFile, String dependencies) throws IOException {
        Path folder = Files.createDirectories(repository.resolve("dev/djinn/test/" + artifact + "/1.0"));
        try (OutputStream out = Files.newOutputStream(folder.resolve(artifact + "-1.0.jar")); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry(classFile));
            jar.write(Files.readAllBytes(classes.resolve(classFile)));
            jar.closeEntry();
        }
        write(folder.resolve(artifact + "-1.0.pom"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>dev.djinn.test</groupId><artifactId>" + artifact + "</artifactId><version>1.0</version>" + dependencies + "</project>");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
