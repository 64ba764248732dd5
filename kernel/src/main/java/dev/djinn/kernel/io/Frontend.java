package dev.djinn.kernel.io;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The front end of the cell that runs now (or ran last): where its output goes. Output printed by background
 * threads after a cell has finished goes to that cell, as in ipykernel.
 *
 * <p>Messages from cell threads are sent by one sender thread: stopping a cell interrupts its threads (Java 21+)
 * or throws ThreadDeath into them (Java 17), and either one inside a ZeroMQ send would break the IOPub socket.
 * The caller still waits for its message to go out, so output keeps its order.
 */
public final class Frontend {
    private final ExecutorService sender = KernelThreads.singleThread("djinn-iopub");
    private volatile ShellReplyEnvironment env;

    public void attach(ShellReplyEnvironment env) {
        this.env = env;
    }

    public boolean isAttached() {
        return env != null;
    }

    /** Publishes on IOPub with the current cell as parent; returns false when no cell has run yet. */
    public boolean publish(ContentType<?> content) {
        ShellReplyEnvironment current = env;
        if (current == null) {
            return false;
        }
        Future<?> sent = sender.submit(() -> publishTo(current, content));
        try {
            sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the message still goes out; the cell sees its interrupt
        } catch (ExecutionException e) {
            LoggerFactory.getLogger(Frontend.class).warn("Could not publish a {}: {}", content.getType(), e.getCause().toString());
        }
        return true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void publishTo(ShellReplyEnvironment env, ContentType content) {
        env.publish(content);
    }
}
