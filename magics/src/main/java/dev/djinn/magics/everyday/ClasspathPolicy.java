package dev.djinn.magics.everyday;

import ai.djl.engine.Engine;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;
import org.eclipse.aether.artifact.Artifact;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;

/**
 * What of a resolved set of jars reaches the class path, and the sentence that says so. Cells see one version of a
 * class, the first on the class path, so an artifact the kernel already bundles is never added again (its version
 * in use is named, and why); a DJL artifact of another DJL version is refused with the version to ask for; a DJL
 * engine in an added jar is registered with DJL at once (DJL looks for engines only when it starts).
 */
final class ClasspathPolicy {
    private static final int LISTED = 12;
    private static final String ENGINE_SERVICE = "META-INF/services/ai.djl.engine.EngineProvider";

    private final Session session;
    private final Map<String, String> bundled;
    private final Set<String> bundledJarNames;
    private final Path djinnHome;

    /**
     * @param bundled         the kernel's own artifacts, {@code group:artifact} → version
     * @param bundledJarNames the file names of the kernel's jars (a jar of the same name is the same jar)
     */
    ClasspathPolicy(Session session, Map<String, String> bundled, Set<String> bundledJarNames) {
        this(session, bundled, bundledJarNames, SparkBridge.home());
    }

    /** @param djinnHome the distribution, whose {@code lib/spark} holds the Spark bridge (null: none) */
    ClasspathPolicy(Session session, Map<String, String> bundled, Set<String> bundledJarNames, Path djinnHome) {
        this.session = session;
        this.bundled = bundled;
        this.bundledJarNames = bundledJarNames;
        this.djinnHome = djinnHome;
    }

    String add(List<Artifact> artifacts) {
        for (Artifact artifact : artifacts) {
            Path jar = jar(artifact);
            ClasspathEntry.problem(jar).ifPresent(problem -> {
                throw new MagicException("Maven resolved a jar that cannot be used: " + problem + " Delete it from "
                        + Maven.localRepository() + " so that it is downloaded again. Nothing was added.");
            });
        }
        List<Path> added = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Shadowed> shadowed = new ArrayList<>();
        int already = 0;
        String djl = Engine.getDjlVersion();
        for (Artifact artifact : artifacts) {
            Path jar = jar(artifact);
            String name = artifact.getGroupId() + ":" + artifact.getArtifactId();
            String inUse = bundled.get(name);
            if (bundledJarNames.contains(jar.getFileName().toString()) || (inUse != null && inUse.equals(artifact.getVersion()))) {
                already++;
            } else if (inUse != null) {
                shadowed.add(new Shadowed(name, artifact.getVersion(), inUse));
            } else if (artifact.getGroupId().startsWith("ai.djl") && !artifact.getVersion().equals(djl)) {
                notes.add(name + ":" + artifact.getVersion() + " not added: it is built for DJL " + artifact.getVersion()
                        + " and the kernel runs DJL " + djl + "; ask for " + name + ":" + djl + ".");
            } else if (session.addedClasspath().contains(jar)) {
                already++;
            } else {
                session.addToClasspath(jar);
                added.add(jar);
            }
        }
        if (shadowed.size() == 1) {
            Shadowed one = shadowed.get(0);
            notes.add(one.name() + ":" + one.asked() + " not added: the kernel bundles " + one.name() + ":" + one.inUse()
                    + ", which cells use (a class loads from the first jar that has it, so a second version would be shadowed).");
        } else if (!shadowed.isEmpty()) {
            notes.add(shadowed.size() + " jars not added because the kernel bundles another version of each, which cells use (a class loads "
                    + "from the first jar that has it): " + shadowed.stream().map(Shadowed::toString).collect(Collectors.joining(", ")) + ".");
        }
        SparkBridge.forArtifacts(artifacts, djinnHome).filter(bridge -> !session.addedClasspath().contains(bridge)).ifPresent(bridge -> {
            session.addToClasspath(bridge);
            notes.add("Djinn's Spark bridge added (" + bridge.getFileName() + "): DjinnSpark.predict(model, rows, columns…) scores a DataFrame.");
        });
        for (Path jar : added) {
            for (String provider : engineProviders(jar)) {
                notes.add(register(provider));
            }
        }
        StringBuilder text = new StringBuilder("Resolved " + artifacts.size() + " jar" + (artifacts.size() == 1 ? "" : "s")
                + ", added " + added.size() + (already > 0 ? " (" + already + " already on the class path)" : ""));
        text.append(added.isEmpty() ? "." : ":");
        // a framework brings a hundred jars: the first few say what came, %classpath lists them all
        added.stream().limit(added.size() > LISTED ? LISTED - 1 : LISTED).forEach(jar -> text.append('\n').append(jar.getFileName()));
        if (added.size() > LISTED) {
            text.append("\n… and ").append(added.size() - LISTED + 1).append(" more (%classpath lists every added jar)");
        }
        notes.forEach(note -> text.append('\n').append(note));
        return text.toString();
    }

    /** An artifact left out because the kernel has it in another version. */
    private record Shadowed(String name, String asked, String inUse) {
        @Override
        public String toString() {
            return name + ":" + asked + " (the kernel's " + inUse + ")";
        }
    }

    private String register(String provider) {
        try {
            session.eval("ai.djl.engine.Engine.registerEngine(new " + provider + "());");
            return "DJL engine " + provider + " registered: Engine.getEngine(…) finds it now.";
        } catch (RuntimeException e) {
            return "DJL engine " + provider + " could not be registered: " + e.getMessage();
        }
    }

    private static Path jar(Artifact artifact) {
        return artifact.getPath().toAbsolutePath().normalize();
    }

    /** The DJL engine providers a jar declares for Java's ServiceLoader. */
    static List<String> engineProviders(Path jar) {
        List<String> providers = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry services = file.getEntry(ENGINE_SERVICE);
            if (services == null) {
                return providers;
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.getInputStream(services), StandardCharsets.UTF_8))) {
                reader.lines().map(line -> line.replaceAll("#.*", "").strip()).filter(line -> !line.isEmpty()).forEach(providers::add);
            }
        } catch (IOException e) {
            // not a jar with services: no engine to register
        }
        return providers;
    }
}
