package dev.djinn.magics.everyday;

import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * IJava's {@code %loadFromPOM pom.xml} and {@code %%loadFromPOM} (the cell holds {@code <dependency>} and
 * {@code <repository>} elements, or a whole POM): adds the repositories, then resolves and adds the dependencies as
 * {@code %maven} does.
 */
public final class LoadFromPomMagic extends BaseMagic {
    public LoadFromPomMagic() {
        super("%loadFromPOM pom.xml | %%loadFromPOM with <dependency>/<repository> elements below",
                "adds the dependencies (and repositories) of a POM or of pasted POM elements", true, "loadFromPOM");
    }

    @Override
    public Object run(MagicCall call, Session session) {
        PomDependencies pom;
        if (call.isCellMagic()) {
            if (call.body().isBlank()) {
                throw new MagicException("Put <dependency> elements (and <repository> ones if needed) below %%loadFromPOM.");
            }
            pom = PomDependencies.parse(call.body(), "the cell");
        } else {
            List<String> words = call.words();
            if (words.size() != 1) {
                throw new MagicException("Give the POM file: %loadFromPOM path/to/pom.xml (or paste its elements below %%loadFromPOM).");
            }
            Path file = Path.of(words.get(0));
            try {
                pom = PomDependencies.parse(Files.readString(file), file.toString());
            } catch (IOException e) {
                throw new MagicException("Could not read " + file.toAbsolutePath() + ": " + e.getMessage());
            }
        }
        StringBuilder text = new StringBuilder();
        pom.repositories().forEach((id, url) -> text.append(Maven.addRepository(id, url)).append('\n'));
        if (pom.dependencies().isEmpty()) {
            return text.append("No dependencies to add.").toString();
        }
        return text.append(Maven.resolveAndAdd(pom.dependencies(), false, session)).toString();
    }
}
