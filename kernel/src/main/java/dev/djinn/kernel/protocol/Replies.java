package dev.djinn.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.djinn.kernel.assist.Completion;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;

import java.util.List;
import java.util.Map;

/**
 * Reply contents written as JSON, with the {@code "status"} field the protocol requires: several of jjava's reply
 * classes leave it out, and its history reply serializes entries as objects rather than tuples.
 */
public final class Replies {
    private Replies() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void send(ShellReplyEnvironment env, MessageType<?> type, JsonObject content) {
        env.reply(new Message(env.getContext(), type, content));
    }

    public static JsonObject ok() {
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        return content;
    }

    public static JsonObject executeOk(int count, JsonArray payload) {
        JsonObject content = ok();
        content.addProperty("execution_count", count);
        content.add("payload", payload);
        content.add("user_expressions", new JsonObject());
        return content;
    }

    public static JsonObject executeError(int count, String ename, String evalue, List<String> traceback) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "error");
        content.addProperty("execution_count", count);
        content.addProperty("ename", ename);
        content.addProperty("evalue", evalue);
        content.add("traceback", strings(traceback));
        return content;
    }

    public static JsonObject executeAborted(int count) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "aborted");
        content.addProperty("execution_count", count);
        return content;
    }

    /** A pager payload, as IPython sends for {@code object?}: front ends show it in their help panel. */
    public static JsonObject pagerPayload(Map<String, String> bundle) {
        JsonObject page = new JsonObject();
        page.addProperty("source", "page");
        page.add("data", bundle(bundle));
        page.addProperty("start", 0);
        return page;
    }

    /** Asks a console front end to exit, as ipykernel does for {@code exit}; notebooks ignore it. */
    public static JsonObject askExitPayload() {
        JsonObject exit = new JsonObject();
        exit.addProperty("source", "ask_exit");
        exit.addProperty("keepkernel", false);
        return exit;
    }

    public static JsonObject inspect(boolean found, Map<String, String> bundle) {
        JsonObject content = ok();
        content.addProperty("found", found);
        content.add("data", bundle(bundle));
        content.add("metadata", new JsonObject());
        return content;
    }

    /** Matches and the range they replace, with the experimental per-match types JupyterLab shows as icons. */
    public static JsonObject complete(Completion completion) {
        JsonArray types = new JsonArray();
        for (Completion.Item item : completion.items()) {
            JsonObject type = new JsonObject();
            type.addProperty("start", completion.start());
            type.addProperty("end", completion.end());
            type.addProperty("text", item.text());
            type.addProperty("type", item.type());
            type.addProperty("signature", item.signature());
            types.add(type);
        }
        JsonObject content = ok();
        content.add("matches", strings(completion.matches()));
        content.addProperty("cursor_start", completion.start());
        content.addProperty("cursor_end", completion.end());
        JsonObject metadata = new JsonObject();
        metadata.add("_jupyter_types_experimental", types);
        content.add("metadata", metadata);
        return content;
    }

    public static JsonObject isComplete(String status, String indent) {
        JsonObject content = new JsonObject();
        content.addProperty("status", status);
        if (indent != null) {
            content.addProperty("indent", indent);
        }
        return content;
    }

    public static JsonObject shutdown(boolean restart) {
        JsonObject content = ok();
        content.addProperty("restart", restart);
        return content;
    }

    public static JsonObject commInfo() {
        JsonObject content = ok();
        content.add("comms", new JsonObject());
        return content;
    }

    /** History as the protocol's tuples: (session, line, input) or (session, line, (input, output)). */
    public static JsonObject history(List<HistoryEntry> entries) {
        JsonArray tuples = new JsonArray();
        for (HistoryEntry entry : entries) {
            JsonArray tuple = new JsonArray();
            tuple.add(entry.getSession());
            tuple.add(entry.getCellNumber());
            if (entry.hasOutput()) {
                JsonArray pair = new JsonArray();
                pair.add(entry.getInput());
                pair.add(entry.getOutput());
                tuple.add(pair);
            } else {
                tuple.add(entry.getInput());
            }
            tuples.add(tuple);
        }
        JsonObject content = ok();
        content.add("history", tuples);
        return content;
    }

    public static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    private static JsonObject bundle(Map<String, String> bundle) {
        JsonObject data = new JsonObject();
        bundle.forEach(data::addProperty);
        return data;
    }
}
