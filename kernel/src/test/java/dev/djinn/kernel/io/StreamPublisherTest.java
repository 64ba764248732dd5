package dev.djinn.kernel.io;

import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamPublisherTest {

    @Test
    void aMultiByteCharacterIsNeverSplitAcrossMessages() {
        byte[] euro = "a€".getBytes(StandardCharsets.UTF_8); // 'a' + 3 bytes
        assertEquals(4, StreamPublisher.completeUtf8Length(euro));
        assertEquals(1, StreamPublisher.completeUtf8Length(java.util.Arrays.copyOf(euro, 2)));
        assertEquals(1, StreamPublisher.completeUtf8Length(java.util.Arrays.copyOf(euro, 3)));
        assertEquals(0, StreamPublisher.completeUtf8Length(new byte[0]));
    }

    @Test
    void beforeAnyCellOutputGoesToTheProcessStream() {
        ByteArrayOutputStream process = new ByteArrayOutputStream();
        StreamPublisher publisher = new StreamPublisher(new Frontend(), PublishStream.StreamType.OUT,
                new PrintStream(process, true, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(publisher, false, StandardCharsets.UTF_8);
        out.print("héllo");
        assertEquals("", process.toString(StandardCharsets.UTF_8), "buffered until flushed");
        out.flush();
        assertEquals("héllo", process.toString(StandardCharsets.UTF_8));
    }
}
