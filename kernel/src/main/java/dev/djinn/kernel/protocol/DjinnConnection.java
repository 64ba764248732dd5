package dev.djinn.kernel.protocol;

import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

import java.security.GeneralSecurityException;

/**
 * jjava's connection with {@link ResponsiveShellChannel}s for shell and control, {@link WholeMessageStdinChannel} for
 * stdin and {@link DatedIOPubChannel} for IOPub; the heartbeat is jjava's own.
 */
public final class DjinnConnection extends JupyterConnection {
    private final KernelConnectionProperties props;
    private final ZMQ.Context zmq;
    private final ResponsiveShellChannel shellChannel;
    private final ResponsiveShellChannel controlChannel;
    private final WholeMessageStdinChannel stdinChannel;
    private final DatedIOPubChannel iopubChannel;
    private volatile boolean closed;

    public DjinnConnection(KernelConnectionProperties props) throws GeneralSecurityException {
        super(props);
        this.props = props;
        this.zmq = ZMQ.context(1);
        this.shellChannel = new ResponsiveShellChannel(zmq, props.createHMACGenerator(), false, this);
        this.controlChannel = new ResponsiveShellChannel(zmq, props.createHMACGenerator(), true, this);
        this.stdinChannel = new WholeMessageStdinChannel(zmq, props.createHMACGenerator());
        this.iopubChannel = new DatedIOPubChannel(zmq, props.createHMACGenerator());
    }

    @Override
    public void connect() {
        heartbeat.bind(props);
        stdinChannel.bind(props);
        iopubChannel.bind(props);
        shellChannel.bind(props, props.getShellPort());
        controlChannel.bind(props, props.getControlPort());
        iopubChannel.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
    }

    /** This connection's IOPub channel (jjava's own, made by its constructor, is never bound). */
    @Override
    public IOPubChannel getIOPub() {
        return iopubChannel;
    }

    @Override
    public ShellReplyEnvironment prepareReplyEnv(ShellChannel shell, MessageContext context) {
        return new ShellReplyEnvironment(shell, stdinChannel, iopubChannel, context) {
        };
    }

    /** Handles the shell requests already waiting; call it only from a shell request handler. */
    public void handleWaitingShellRequests() {
        shellChannel.handleWaiting();
    }

    public JupyterSocket stdinSocket() {
        return stdinChannel;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shellChannel.close();
        controlChannel.close();
        stdinChannel.close();
        iopubChannel.close();
        super.close();
        zmq.close();
    }

    @Override
    public void waitUntilClose() {
        shellChannel.waitUntilClose();
        controlChannel.waitUntilClose();
    }
}
