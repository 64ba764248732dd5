package dev.djinn.kernel.io;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.ContentType;

/**
 * The front end of the cell that runs now (or ran last): where its output goes. Output printed by background
 * threads after a cell has finished goes to that cell, as in ipykernel.
 */
public final class Frontend {
    private volatile ShellReplyEnvironment env;

    public void attach(ShellReplyEnvironment env) {
        this.env = env;
    }

    public boolean isAttached() {
        return env != null;
    }

    public ShellReplyEnvironment env() {
        return env;
    }

    /** Publishes on IOPub with the current cell as parent; returns false when no cell has run yet. */
    public boolean publish(ContentType<?> content) {
        ShellReplyEnvironment current = env;
        if (current == null) {
            return false;
        }
        publishTo(current, content);
        return true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void publishTo(ShellReplyEnvironment env, ContentType content) {
        env.publish(content);
    }
}
