package dev.djinn.kernel.io;

import org.dflib.jjava.jupyter.messages.publish.PublishStream;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Cell output as Jupyter {@code stream} messages, sent while the cell runs. Writes are buffered and sent at most
 * every few milliseconds by {@link OutputFlusher}, so a loop printing 100 000 lines costs a few hundred messages,
 * not 100 000. Before any cell has run, output goes to the kernel process's own stream.
 */
public final class StreamPublisher extends OutputStream {
    private static final int MAX_BUFFER = 64 * 1024;

    private final Frontend frontend;
    private final PublishStream.StreamType type;
    private final PrintStream fallback;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    public StreamPublisher(Frontend frontend, PublishStream.StreamType type, PrintStream fallback) {
        this.frontend = frontend;
        this.type = type;
        this.fallback = fallback;
    }

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
        if (buffer.size() >= MAX_BUFFER) {
            send();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        buffer.write(bytes, offset, length);
        if (buffer.size() >= MAX_BUFFER) {
            send();
        }
    }

    /** Sends what is buffered now; an explicit flush from user code or the end of a cell lands here. */
    @Override
    public synchronized void flush() {
        send();
    }

    private void send() {
        byte[] bytes = buffer.toByteArray();
        int complete = completeUtf8Length(bytes);
        if (complete == 0) {
            return;
        }
        buffer.reset();
        buffer.write(bytes, complete, bytes.length - complete);
        String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
        if (!frontend.publish(new PublishStream(type, text))) {
            fallback.print(text);
            fallback.flush();
        }
    }

    /** The length of the longest prefix that does not end inside a multi-byte UTF-8 character. */
    static int completeUtf8Length(byte[] bytes) {
        int n = bytes.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = bytes[n - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // continuation byte: keep looking for the lead byte
            }
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? n - back : n;
        }
        return n;
    }
}
