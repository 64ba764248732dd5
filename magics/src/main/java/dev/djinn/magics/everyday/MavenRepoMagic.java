package dev.djinn.magics.everyday;

import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;

import java.util.List;

/** {@code %mavenRepo id url} (IJava's, also {@code %addMavenRepo}): a repository {@code %maven} searches after Maven Central. */
public final class MavenRepoMagic extends BaseMagic {
    public MavenRepoMagic() {
        super("%mavenRepo id url", "adds a Maven repository that %maven and %loadFromPOM search after Maven Central", false,
                "mavenRepo", "addMavenRepo");
    }

    @Override
    public Object run(MagicCall call, Session session) {
        List<String> words = call.words();
        if (words.size() != 2) {
            throw new MagicException("Give a repository id and its URL, for example: %mavenRepo jitpack https://jitpack.io");
        }
        return Maven.addRepository(words.get(0), words.get(1));
    }
}
