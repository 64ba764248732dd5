package dev.djinn.kernel.io;

import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.InputReply;
import org.dflib.jjava.jupyter.messages.request.InputRequest;
import org.zeromq.ZMQ;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads from the user through the stdin channel ({@code input_request} / {@code input_reply}). It is also the
 * cells' {@code System.in}. Waiting polls the socket so that an interrupt stops the wait: JShell's stop interrupts
 * snippet threads, and on Java 17 throws ThreadDeath into them, and both reach this loop.
 */
public final class FrontendInput extends InputStream {
    private static final long POLL_NANOS = 5_000_000L;

    private final JupyterSocket stdin;
    private volatile MessageContext request;
    private volatile boolean allowed;
    private byte[] pending = new byte[0];
    private int position;

    public FrontendInput(JupyterSocket stdin) {
        this.stdin = stdin;
    }

    /** Called for every execute request: its context is the parent of the input requests, and it says if stdin is allowed. */
    public synchronized void attach(MessageContext executeRequest, boolean allowStdin) {
        this.request = executeRequest;
        this.allowed = allowStdin;
        this.pending = new byte[0];
        this.position = 0;
    }

    /** Asks the user for one line, showing {@code prompt}; the line comes back without its line break. */
    public synchronized String readLine(String prompt, boolean password) {
        if (!allowed || request == null) {
            throw new InputNotAllowedException();
        }
        stdin.sendMessage(new Message<>(request, InputRequest.MESSAGE_TYPE, new InputRequest(prompt, password)));
        while (true) {
            if ((stdin.getEvents() & ZMQ.Poller.POLLIN) != 0) {
                Message<?> reply = stdin.readMessage();
                if (reply != null && reply.getHeader().getType() == MessageType.INPUT_REPLY) {
                    return ((InputReply) reply.getContent()).getValue();
                }
                continue; // a stray message: keep waiting for the reply
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InputInterruptedException();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    @Override
    public synchronized int read() {
        if (!fill()) {
            return -1;
        }
        return pending[position++] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, pending.length - position);
        System.arraycopy(pending, position, into, offset, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return pending.length - position;
    }

    private boolean fill() {
        if (position < pending.length) {
            return true;
        }
        pending = (readLine("", false) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }
}
