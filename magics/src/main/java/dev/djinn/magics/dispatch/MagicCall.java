package dev.djinn.magics.dispatch;

import java.util.List;

/**
 * One use of a magic: {@code %name args} (a line magic, {@code body} null) or {@code %%name args} with the rest of
 * the cell as {@code body}.
 */
public record MagicCall(String name, String args, String body) {
    public boolean isCellMagic() {
        return body != null;
    }

    /** The arguments split like a shell's: spaces separate, quotes group. */
    public List<String> words() {
        return Arguments.split(args);
    }
}
