package dev.djinn.magics.everyday;

import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.Session;

import java.nio.file.Path;

/**
 * {@code %pwd}: the folder relative paths start from (the notebook's, where Jupyter started the kernel). A JVM cannot
 * change its own working folder, so there is no {@code %cd}: give paths from here, or absolute ones.
 */
public final class PwdMagic extends BaseMagic {
    public PwdMagic() {
        super("%pwd", "the folder relative paths start from (the notebook's)", false, "pwd");
    }

    @Override
    public Object run(MagicCall call, Session session) {
        return Path.of("").toAbsolutePath().toString();
    }
}
