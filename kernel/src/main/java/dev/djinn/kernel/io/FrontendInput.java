package dev.djinn.kernel.io;

import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.InputReply;
import org.dflib.jjava.jupyter.messages.request.InputRequest;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads from the user through the stdin channel ({@code input_request} / {@code input_reply}); it is also the cells'
 * {@code System.in}. The socket is only ever touched by one thread of its own: a cell thread waits for the answer
 * and can be interrupted while it waits, without the interrupt reaching ZeroMQ's NIO channels (an interrupted NIO
 * read closes the channel and would break the socket for good).
 */
public final class FrontendInput extends InputStream {
    private static final long POLL_NANOS = 2_000_000L;

    private final JupyterSocket stdin;
    private final ExecutorService socketThread = KernelThreads.singleThread("djinn-stdin");
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
        MessageContext parent = request;
        if (!allowed || parent == null) {
            throw new InputNotAllowedException();
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        Future<String> answer = socketThread.submit(() -> ask(parent, prompt, password, cancelled));
        try {
            return answer.get();
        } catch (InterruptedException e) {
            throw new InputInterruptedException();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Reading input from the front end failed: " + e.getCause(), e.getCause());
        } finally {
            cancelled.set(true); // also when ThreadDeath (Java 17's stop) ends the wait
        }
    }

    private String ask(MessageContext parent, String prompt, boolean password, AtomicBoolean cancelled) {
        // a late answer to an interrupted question may be waiting (front ends send input_reply without a parent
        // header, so it cannot be matched to its question): it is not the answer to this one
        while ((stdin.getEvents() & ZMQ.Poller.POLLIN) != 0) {
            readOrDrop();
        }
        stdin.sendMessage(new Message<>(parent, InputRequest.MESSAGE_TYPE, new InputRequest(prompt, password)));
        while (!cancelled.get()) {
            if ((stdin.getEvents() & ZMQ.Poller.POLLIN) != 0) {
                Message<?> reply = readOrDrop();
                if (reply != null && reply.getHeader().getType() == MessageType.INPUT_REPLY) {
                    return ((InputReply) reply.getContent()).getValue();
                }
                continue;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return "";
    }

    /** The next stdin message, or null when it was malformed or badly signed (logged and dropped). */
    private Message<?> readOrDrop() {
        try {
            return stdin.readMessage();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(FrontendInput.class).warn("Rejected a message on the stdin channel: {}", e.toString());
            return null;
        }
    }

    @Override
    public synchronized int read() {
        fill();
        return pending[position++] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        fill();
        int n = Math.min(length, pending.length - position);
        System.arraycopy(pending, position, into, offset, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return pending.length - position;
    }

    private void fill() {
        if (position < pending.length) {
            return;
        }
        pending = (readLine("", false) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        position = 0;
    }
}
