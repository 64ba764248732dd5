package dev.djinn.kernel.protocol;

import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Dates a message's header when it is sent, to the microsecond, as Jupyter's own kernels do
 * ({@code 2026-12-03T11:29:03.123456Z}). jjava dates a header when the message is made, to the minute: JupyterLab
 * records a cell's timing (busy, execute_input, idle, execute_reply) from these dates, which to the minute gave every
 * cell no time or a whole minute.
 */
final class SendTime {
    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private SendTime() {
    }

    /** The message with its header dated now; everything else, the header's id included, as it was. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Message<?> stamp(Message<?> message) {
        Header<?> header = message.getHeader();
        Header<?> dated = new Header(header.getId(), header.getUsername(), header.getSessionId(),
                new KernelTimestamp(ISO_MICROS.format(Instant.now())), header.getType(), header.getVersion());
        return new Message(message.getIdentities(), dated, message.hasParentHeader() ? message.getParentHeader() : null,
                message.hasMetadata() ? message.getMetadata() : null, message.getContent(), message.getBlobs());
    }
}
