package dev.djinn.magics.everyday;

import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Maven for the magics ({@code %maven}, {@code %mavenRepo}, {@code %loadFromPOM}): the session's repositories
 * (Maven Central, then those added), resolution with runtime dependencies (Maven Resolver), and what of the result
 * reaches the class path (see {@link ClasspathPolicy}).
 */
final class Maven {
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";
    private static final List<RemoteRepository> ADDED = new CopyOnWriteArrayList<>();

    private Maven() {
    }

    /** Adds (or, for a known id, replaces) a repository searched after Maven Central, for the rest of the session. */
    static String addRepository(String id, String url) {
        if (id == null || id.isBlank() || !id.matches("[\\w.\\-]+")) {
            throw new MagicException("A repository needs an id of letters, digits, '.', '-' or '_' (got \"" + id + "\").");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new MagicException("\"" + url + "\" is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || !List.of("https", "http", "file").contains(uri.getScheme())) {
            throw new MagicException("\"" + url + "\" is not an https://, http:// or file: URL of a Maven repository.");
        }
        ADDED.removeIf(repository -> repository.getId().equals(id));
        ADDED.add(new RemoteRepository.Builder(id, "default", url.endsWith("/") ? url : url + "/").build());
        return "Repository " + id + " (" + url + ") added: %maven looks there after Maven Central.";
    }

    static List<RemoteRepository> repositories() {
        List<RemoteRepository> all = new ArrayList<>();
        all.add(new RemoteRepository.Builder("central", "default", CENTRAL).build());
        all.addAll(ADDED);
        return all;
    }

    /** The artifacts with everything they need at run time, each with its jar. */
    static List<Artifact> resolve(List<Dependency> dependencies, boolean offline) {
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
            repositories().forEach(collect::addRepository);
            List<Artifact> artifacts = new ArrayList<>();
            for (ArtifactResult result : system.resolveDependencies(session, new DependencyRequest(collect, null)).getArtifactResults()) {
                artifacts.add(result.getArtifact());
            }
            return artifacts;
        } catch (DependencyResolutionException e) {
            throw new MagicException("Could not resolve " + dependencies.stream().map(d -> d.getArtifact().toString()).collect(Collectors.joining(", "))
                    + (offline ? " from the local repository " + local : " from " + local + " and " + repositories().stream()
                    .map(RemoteRepository::getUrl).collect(Collectors.joining(", "))) + ": " + firstLine(e.getMessage()));
        } finally {
            system.shutdown();
        }
    }

    /** Resolves and adds to the session what the class path policy lets in; returns the sentence saying what happened. */
    static String resolveAndAdd(List<Dependency> dependencies, boolean offline, Session session) {
        return new ClasspathPolicy(session, bundled(), BundledArtifacts.jarNames()).add(resolve(dependencies, offline));
    }

    private static volatile Map<String, String> bundled;

    private static Map<String, String> bundled() {
        Map<String, String> known = bundled;
        if (known == null) {
            known = BundledArtifacts.ofClasspath();
            bundled = known;
        }
        return known;
    }

    private static String firstLine(String message) {
        return message == null ? "unknown reason" : message.lines().findFirst().orElse(message);
    }

    /** Maven's local repository: {@code -Dmaven.repo.local}, else {@code ~/.m2/repository}. */
    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}
