package dev.djinn.kernel.protocol;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * The shell or control channel. jjava's own channel polls every 50 ms (a floor under every round trip) and dies on
 * the first badly signed message; this one blocks in poll, so a request is handled as soon as it arrives, and it
 * logs and drops malformed or wrongly signed messages and keeps serving. Replies are dated when sent ({@link SendTime}).
 */
final class ResponsiveShellChannel extends ShellChannel {
    private static final Logger LOG = LoggerFactory.getLogger(ResponsiveShellChannel.class);
    private static final long POLL_TIMEOUT_MS = 200;

    private final JupyterConnection connection;
    private final MessageReader reader;
    private final String channelName;
    private volatile boolean running;
    private Thread loop;
    private ZMQ.Poller poller;

    ResponsiveShellChannel(ZMQ.Context context, HMACGenerator hmac, boolean isControl, JupyterConnection connection) {
        super(context, hmac, isControl, connection);
        this.connection = connection;
        this.reader = new MessageReader(hmac);
        this.channelName = isControl ? "control" : "shell";
    }

    void bind(KernelConnectionProperties props, int port) {
        super.bind(props.getTransport() + "://" + props.getIp() + ":" + port);
        poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        running = true;
        loop = new Thread(this::serve, "djinn-" + channelName);
        loop.start();
    }

    /**
     * Handles the requests already waiting, now, on the calling thread, which must be this channel's own (a
     * handler's): after a failed cell, the kernel answers the cells queued behind it "aborted", as ipykernel does.
     */
    void handleWaiting() {
        while (running && poller.poll(0) > 0) {
            handleOne();
        }
    }

    @Override
    public void bind(KernelConnectionProperties props) {
        throw new UnsupportedOperationException("bind through DjinnConnection, which knows the port");
    }

    private void serve() {
        while (running) {
            try {
                if (poller.poll(POLL_TIMEOUT_MS) > 0) {
                    handleOne();
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warn("Rejected a message on the {} channel: {}", channelName, e.toString());
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void handleOne() {
        Message<?> message = readMessage();
        if (message == null) {
            return;
        }
        ShellHandler handler = connection.getHandler(message.getHeader().getType());
        if (handler == null) {
            LOG.warn("No handler for {} messages on the {} channel; ignored", message.getHeader().getType(), channelName);
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
        try {
            handler.handle(env, message);
        } catch (RuntimeException e) {
            LOG.warn("Failed to handle {}: {}", message.getHeader().getType(), e.toString(), e);
        } finally {
            env.resolveDeferrals();
        }
        if (env.isMarkedForShutdown()) {
            running = false;
            connection.close();
        }
    }

    @Override
    public synchronized void sendMessage(Message<?> message) {
        super.sendMessage(SendTime.stamp(message));
    }

    @Override
    public synchronized Message<?> readMessage() {
        return closed ? null : reader.read(this);
    }

    @Override
    public void close() {
        running = false;
        super.close();
    }

    @Override
    public void waitUntilClose() {
        Thread current = loop;
        if (current != null && current != Thread.currentThread()) {
            try {
                current.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
