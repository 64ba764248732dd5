package dev.djinn.magics.everyday;

import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.io.File;

/**
 * {@code %maven group:artifact:version …}: resolves the artifacts with their runtime dependencies, as Maven does
 * (Maven Resolver), from the local repository and Maven Central, and adds the jars to the class path; jars already
 * there are not added twice. {@code --offline} uses the local repository only.
 */
public final class MavenMagic extends BaseMagic {
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    public MavenMagic() {
        super("%maven [--offline] group:artifact:version …",
                "resolves Maven artifacts with their dependencies and adds them to the class path", false, "maven");
    }

    @Override
    public Object run(MagicCall call, Session session) {
        List<String> words = new ArrayList<>(call.words());
        boolean offline = words.remove("--offline");
        if (words.isEmpty()) {
            throw new MagicException("Give at least one artifact as group:artifact:version.");
        }
        List<Dependency> dependencies = new ArrayList<>();
        for (String word : words) {
            if (!word.matches("[^:\\s]+:[^:\\s]+(:[^:\\s]+){1,3}")) {
                throw new MagicException("\"" + word + "\" is not group:artifact:version (or group:artifact:extension[:classifier]:version).");
            }
            dependencies.add(new Dependency(new DefaultArtifact(word), "runtime"));
        }
        List<Path> jars = resolve(dependencies, offline);
        for (Path jar : jars) {
            ClasspathEntry.problem(jar).ifPresent(problem -> {
                throw new MagicException("Maven resolved a jar that cannot be used: " + problem + " Delete it from " + localRepository()
                        + " so that it is downloaded again. Nothing was added.");
            });
        }
        List<Path> added = new ArrayList<>();
        for (Path jar : jars) {
            if (!session.addedClasspath().contains(jar) && !onKernelClasspath(jar)) {
                session.addToClasspath(jar);
                added.add(jar);
            }
        }
        String already = jars.size() - added.size() > 0 ? " (" + (jars.size() - added.size()) + " already on the class path)" : "";
        return "Resolved " + jars.size() + " jar" + (jars.size() == 1 ? "" : "s") + ", added " + added.size() + already
                + (added.isEmpty() ? "." : ":\n" + added.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining("\n")));
    }

    /** The jars of the dependencies and of everything they need at run time. */
    static List<Path> resolve(List<Dependency> dependencies, boolean offline) {
        RepositorySystem system = new RepositorySystemSupplier().get();
        Path local = localRepository();
        // Maven's own session defaults: transitive test, provided and optional dependencies are left out
        try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(local)
                .setSystemProperties(System.getProperties())
                .setOffline(offline)
                .build()) {
            CollectRequest collect = new CollectRequest();
            dependencies.forEach(collect::addDependency);
            collect.addRepository(new RemoteRepository.Builder("central", "default", CENTRAL).build());
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult result : system.resolveDependencies(session, new DependencyRequest(collect, null)).getArtifactResults()) {
                jars.add(result.getArtifact().getPath().toAbsolutePath().normalize());
            }
            return jars;
        } catch (DependencyResolutionException e) {
            throw new MagicException("Could not resolve " + dependencies.stream().map(d -> d.getArtifact().toString()).collect(Collectors.joining(", "))
                    + (offline ? " from the local repository " + local : " from " + local + " and Maven Central") + ": " + firstLine(e.getMessage()));
        } finally {
            system.shutdown();
        }
    }

    private static String firstLine(String message) {
        return message == null ? "unknown reason" : message.lines().findFirst().orElse(message);
    }

    /** Maven's local repository: {@code -Dmaven.repo.local}, else {@code ~/.m2/repository}. */
    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Whether the kernel itself already has this jar (same file name on its class path). */
    private static boolean onKernelClasspath(Path jar) {
        String name = jar.getFileName().toString();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(entry).getFileName() != null && Path.of(entry).getFileName().toString().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
