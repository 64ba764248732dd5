package dev.djinn.magics.everyday;

import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code %maven group:artifact:version …} (IJava's {@code %addMavenDependency}, {@code %addMavenDependencies} too):
 * resolves the artifacts with their runtime dependencies, as Maven does (Maven Resolver), from the local repository,
 * Maven Central and the repositories {@code %mavenRepo} added, and adds the jars to the class path as
 * {@link ClasspathPolicy} allows. {@code --offline} uses the local repository only.
 */
public final class MavenMagic extends BaseMagic {
    public MavenMagic() {
        super("%maven [--offline] group:artifact:version …",
                "resolves Maven artifacts with their dependencies and adds them to the class path", false,
                "maven", "addMavenDependency", "addMavenDependencies");
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
        return Maven.resolveAndAdd(dependencies, offline, session);
    }
}
