package dev.djinn.magics.everyday;

import ai.djl.engine.Engine;
import dev.djinn.magics.LocalRepository;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;
import dev.djinn.magics.DjinnMagics;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What of a resolved set of jars reaches the class path, and the %mavenRepo / %loadFromPOM ways to ask for jars. */
class ClasspathPolicyTest {
    @TempDir
    Path dir;
    private Path repository;
    private String before;

    @BeforeEach
    void localRepository() throws Exception {
        repository = LocalRepository.create(dir);
        before = System.getProperty("maven.repo.local");
        System.setProperty("maven.repo.local", repository.toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("maven.repo.local");
        } else {
            System.setProperty("maven.repo.local", before);
        }
    }

    @Test
    void anArtifactTheKernelBundlesInAnotherVersionIsNotAddedAndTheMessageSaysWhichIsUsed() {
        RecordingSession session = new RecordingSession();
        var resolved = Maven.resolve(List.of(new Dependency(new DefaultArtifact("dev.djinn.test:greeting:1.0"), "runtime")), true);
        String answer = new ClasspathPolicy(session, Map.of("dev.djinn.test:words", "0.9"), Set.of()).add(resolved);
        assertTrue(answer.startsWith("Resolved 2 jars, added 1:\ngreeting-1.0.jar\n"), answer);
        assertTrue(answer.contains("dev.djinn.test:words:1.0 not added: the kernel bundles dev.djinn.test:words:0.9, which cells use"), answer);
        assertEquals(1, session.added.size(), "the shadowed jar is not reported as added, nor added");
    }

    @Test
    void manyArtifactsTheKernelBundlesInOtherVersionsAreNamedInOneSentence() throws Exception {
        Path a = LocalRepository.install(repository, "dev.djinn.test", "alpha", "2.0", Map.of("a.txt", new byte[] {1}));
        Path b = LocalRepository.install(repository, "dev.djinn.test", "beta", "3.0", Map.of("b.txt", new byte[] {1}));
        RecordingSession session = new RecordingSession();
        String answer = new ClasspathPolicy(session, Map.of("dev.djinn.test:alpha", "1.0", "dev.djinn.test:beta", "1.5"), Set.of())
                .add(List.of(new DefaultArtifact("dev.djinn.test:alpha:2.0").setPath(a), new DefaultArtifact("dev.djinn.test:beta:3.0").setPath(b)));
        assertTrue(answer.endsWith("2 jars not added because the kernel bundles another version of each, which cells use (a class loads from "
                + "the first jar that has it): dev.djinn.test:alpha:2.0 (the kernel's 1.0), dev.djinn.test:beta:3.0 (the kernel's 1.5)."), answer);
        assertEquals(List.of(), session.added);
    }

    @Test
    void theBuildsListOfBundledJarsIsReadAsMavenWroteIt() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/lib"));
        Files.writeString(home.resolve("artifacts.txt"), "\nThe following files have been resolved:\n"
                + "   ai.djl:api:jar:0.36.0:compile\u001B[36m -- module ai.djl.api\u001B[0;1m [auto]\u001B[m\n"
                + "   ai.djl.pytorch:pytorch-native-cpu:jar:linux-x86_64:2.7.1:runtime\n");
        String old = System.getProperty("djinn.home");
        System.setProperty("djinn.home", home.getParent().toString());
        try {
            Map<String, String> bundled = BundledArtifacts.ofClasspath();
            assertEquals("0.36.0", bundled.get("ai.djl:api"));
            assertEquals("2.7.1", bundled.get("ai.djl.pytorch:pytorch-native-cpu"));
        } finally {
            if (old == null) {
                System.clearProperty("djinn.home");
            } else {
                System.setProperty("djinn.home", old);
            }
        }
    }

    @Test
    void aDjlArtifactOfAnotherDjlVersionIsRefusedWithTheVersionToAskFor() throws Exception {
        Path jar = LocalRepository.install(repository, "ai.djl.mxnet", "mxnet-engine", "0.23.0", Map.of("note.txt", new byte[] {1}));
        var artifact = new DefaultArtifact("ai.djl.mxnet:mxnet-engine:0.23.0").setPath(jar);
        RecordingSession session = new RecordingSession();
        String answer = new ClasspathPolicy(session, Map.of(), Set.of()).add(List.of(artifact));
        assertTrue(answer.contains("ai.djl.mxnet:mxnet-engine:0.23.0 not added: it is built for DJL 0.23.0 and the kernel runs DJL "
                + Engine.getDjlVersion() + "; ask for ai.djl.mxnet:mxnet-engine:" + Engine.getDjlVersion() + "."), answer);
        assertEquals(List.of(), session.added);
    }

    @Test
    void aDjlEngineInAnAddedJarIsRegistered() throws Exception {
        Path jar = LocalRepository.install(repository, "dev.djinn.test", "engine", "1.0",
                Map.of("META-INF/services/ai.djl.engine.EngineProvider", "# a comment\ntest.FakeEngineProvider\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("test.FakeEngineProvider"), ClasspathPolicy.engineProviders(jar));
        RecordingSession session = new RecordingSession();
        String answer = new ClasspathPolicy(session, Map.of(), Set.of()).add(List.of(new DefaultArtifact("dev.djinn.test:engine:1.0").setPath(jar)));
        assertEquals(List.of("ai.djl.engine.Engine.registerEngine(new test.FakeEngineProvider());"), session.evaluated);
        assertTrue(answer.contains("DJL engine test.FakeEngineProvider registered"), answer);
    }

    @Test
    void addingSparkSqlAddsDjinnsSparkBridgeBesideItOnce() throws Exception {
        Path sparkSql = LocalRepository.install(repository, "org.apache.spark", "spark-sql_2.13", "4.2.0", Map.of("note.txt", new byte[] {1}));
        Path bridge = Files.createDirectories(dir.resolve("dist/lib/spark")).resolve("djinn-spark-0.1.0.jar");
        Files.copy(sparkSql, bridge);
        RecordingSession session = new RecordingSession();
        var artifact = new DefaultArtifact("org.apache.spark:spark-sql_2.13:4.2.0").setPath(sparkSql);
        String answer = new ClasspathPolicy(session, Map.of(), Set.of(), dir.resolve("dist")).add(List.of(artifact));
        assertEquals(List.of(sparkSql.toAbsolutePath().normalize(), bridge), session.added);
        assertTrue(answer.contains("Djinn's Spark bridge added (djinn-spark-0.1.0.jar)"), answer);
        new ClasspathPolicy(session, Map.of(), Set.of(), dir.resolve("dist")).add(List.of(artifact));
        assertEquals(2, session.added.size(), "asked again, nothing is added twice");
        RecordingSession other = new RecordingSession();
        var core = new DefaultArtifact("org.apache.spark:spark-core_2.13:4.2.0").setPath(sparkSql);
        new ClasspathPolicy(other, Map.of(), Set.of(), dir.resolve("dist")).add(List.of(core));
        assertEquals(1, other.added.size(), "Spark without its SQL part brings no bridge (it scores DataFrames)");
    }

    @Test
    void mavenRepoAddsARepositoryThatMavenThenSearches() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-local"));
        System.setProperty("maven.repo.local", empty.toString());
        RecordingSession session = new RecordingSession();
        var registry = DjinnMagics.registry();
        String added = registry.run(new MagicCall("mavenRepo", "test-repo " + repository.toUri(), null), session).toString();
        assertTrue(added.startsWith("Repository test-repo"), added);
        String answer = registry.run(new MagicCall("addMavenDependency", "dev.djinn.test:greeting:1.0", null), session).toString();
        assertEquals("Resolved 2 jars, added 2:\ngreeting-1.0.jar\nwords-1.0.jar", answer);
        assertTrue(assertThrows(MagicException.class, () -> registry.run(new MagicCall("mavenRepo", "x ftp://nowhere", null), session))
                .getMessage().contains("is not an https://, http:// or file: URL"));
    }

    @Test
    void loadFromPomTakesPastedElementsAndPomFiles() throws Exception {
        var registry = DjinnMagics.registry();
        RecordingSession cell = new RecordingSession();
        String answer = registry.run(new MagicCall("loadFromPOM", "", """
                <repository><id>pasted</id><url>%s</url></repository>
                <dependency>
                    <groupId>dev.djinn.test</groupId>
                    <artifactId>greeting</artifactId>
                    <version>1.0</version>
                </dependency>
                """.formatted(repository.toUri())), cell).toString();
        assertTrue(answer.contains("Resolved 2 jars, added 2"), answer);
        Path pom = dir.resolve("pom.xml");
        Files.writeString(pom, """
                <project><modelVersion>4.0.0</modelVersion><groupId>me</groupId><artifactId>app</artifactId><version>1</version>
                  <properties><words.version>1.0</words.version></properties>
                  <dependencyManagement><dependencies><dependency><groupId>no.such</groupId><artifactId>managed</artifactId>
                    <version>1</version></dependency></dependencies></dependencyManagement>
                  <dependencies>
                    <dependency><groupId>dev.djinn.test</groupId><artifactId>words</artifactId><version>${words.version}</version></dependency>
                    <dependency><groupId>no.such</groupId><artifactId>junit</artifactId><version>1</version><scope>test</scope></dependency>
                  </dependencies>
                </project>
                """);
        RecordingSession file = new RecordingSession();
        assertTrue(registry.run(new MagicCall("loadFromPOM", pom.toString(), null), file).toString().endsWith("added 1:\nwords-1.0.jar"));
        String hostile = assertThrows(MagicException.class, () -> registry.run(new MagicCall("loadFromPOM", "",
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><dependency><groupId>&e;</groupId></dependency>"), file)).getMessage();
        assertTrue(hostile.startsWith("the cell is not well-formed XML"), hostile);
        String versionless = assertThrows(MagicException.class, () -> registry.run(new MagicCall("loadFromPOM", "",
                "<dependency><groupId>a</groupId><artifactId>b</artifactId></dependency>"), file)).getMessage();
        assertTrue(versionless.contains("a:b has no <version>"), versionless);
    }

    /** A session that records what was added and evaluated. */
    private static final class RecordingSession implements Session {
        final List<Path> added = new ArrayList<>();
        final List<String> evaluated = new ArrayList<>();

        @Override
        public Object eval(String code) {
            evaluated.add(code);
            return null;
        }

        @Override
        public Object runCell(String cell) {
            return eval(cell);
        }

        @Override
        public List<Variable> variables() {
            return List.of();
        }

        @Override
        public void addToClasspath(Path path) {
            added.add(path);
        }

        @Override
        public void print(String text) {
        }

        @Override
        public List<Path> addedClasspath() {
            return added;
        }
    }
}
