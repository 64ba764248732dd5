package dev.djinn.kernel.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import org.dflib.jjava.jupyter.kernel.ExpressionValue;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.ReplyType;
import org.dflib.jjava.jupyter.messages.adapters.ExpressionValueAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HeaderAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HistoryEntryAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HistoryRequestAdapter;
import org.dflib.jjava.jupyter.messages.adapters.KernelTimestampAdapter;
import org.dflib.jjava.jupyter.messages.adapters.MessageTypeAdapter;
import org.dflib.jjava.jupyter.messages.adapters.PublishStatusAdapter;
import org.dflib.jjava.jupyter.messages.adapters.ReplyTypeAdapter;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.zeromq.ZMQ;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads one whole multipart message before judging it. jjava reads frame by frame as if every message were
 * well-formed, so a short message makes it read into the next one; this reader takes all frames first, then
 * checks the frame count, the signature and the JSON, and rejects the message as a unit.
 */
final class MessageReader {
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final Type JSON_MAP = new TypeToken<Map<String, Object>>() { }.getType();
    // the same adapters jjava's sockets use, so requests parse into the same objects
    private static final Gson REPLY_GSON = new GsonBuilder()
            .registerTypeAdapter(HistoryEntry.class, HistoryEntryAdapter.INSTANCE)
            .registerTypeAdapter(ExpressionValue.class, ExpressionValueAdapter.INSTANCE)
            .create();
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
            .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
            .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
            .registerTypeAdapter(PublishStatus.class, PublishStatusAdapter.INSTANCE)
            .registerTypeAdapter(HistoryRequest.class, HistoryRequestAdapter.INSTANCE)
            .registerTypeHierarchyAdapter(ReplyType.class, new ReplyTypeAdapter(REPLY_GSON))
            .create();

    private final HMACGenerator hmac;

    MessageReader(HMACGenerator hmac) {
        this.hmac = hmac;
    }

    /** Reads the next message; throws {@link RejectedMessageException} (the message consumed) when it is bad. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Message<?> read(ZMQ.Socket socket) {
        List<byte[]> frames = new ArrayList<>();
        do {
            frames.add(socket.recv());
        } while (socket.hasReceiveMore());

        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(DELIMITER, frames.get(i))) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() - delimiter - 1 < 5) {
            throw new RejectedMessageException("malformed: " + frames.size() + " frames, expected a delimiter followed by "
                    + "a signature, header, parent header, metadata and content");
        }
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        String signature = new String(frames.get(delimiter + 1), StandardCharsets.US_ASCII);
        String expected = hmac.calculateSignature(header, parent, metadata, content);
        if (!expected.equals(signature)) {
            throw new RejectedMessageException("invalid signature");
        }
        try {
            Header<?> parsedHeader = GSON.fromJson(new String(header, StandardCharsets.UTF_8), Header.class);
            JsonElement parentJson = JsonParser.parseString(new String(parent, StandardCharsets.UTF_8));
            Header<?> parsedParent = parentJson.isJsonObject() && !parentJson.getAsJsonObject().isEmpty()
                    ? GSON.fromJson(parentJson, Header.class) : null;
            Map<String, Object> parsedMetadata = GSON.fromJson(new String(metadata, StandardCharsets.UTF_8), JSON_MAP);
            Object parsedContent = GSON.fromJson(new String(content, StandardCharsets.UTF_8),
                    parsedHeader.getType().getContentType());
            List<byte[]> identities = new ArrayList<>(frames.subList(0, delimiter));
            List<byte[]> blobs = new ArrayList<>(frames.subList(delimiter + 6, frames.size()));
            return new Message(identities, parsedHeader, parsedParent, parsedMetadata, parsedContent, blobs);
        } catch (RuntimeException e) {
            throw new RejectedMessageException("unreadable JSON (" + e.getMessage() + ")");
        }
    }

    /** A message that was read and dropped, with the reason. */
    static final class RejectedMessageException extends RuntimeException {
        RejectedMessageException(String reason) {
            super(reason);
        }
    }
}
