package dev.djinn.kernel.history;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Input history, as IPython keeps it: numbered sessions of numbered cells, kept across kernel runs in a JSON-lines
 * file (so a console's up-arrow reaches yesterday's cells), answering tail, range and glob search requests.
 */
public final class SessionHistory implements HistoryManager {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHistory.class);
    private static final int MAX_LOADED = 10_000;
    private static final Gson GSON = new Gson();

    private final Path file;
    private final List<HistoryEntry> entries = new ArrayList<>();
    private final int session;

    /** @param file where history lives; null keeps it in memory only */
    public SessionHistory(Path file) {
        this.file = file;
        this.session = load() + 1;
    }

    /** The history file: {@code $DJINN_HISTORY_FILE}, else {@code ~/.local/share/djinn/history.jsonl}. */
    public static Path defaultFile() {
        String override = System.getenv("DJINN_HISTORY_FILE");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String dataHome = System.getenv("XDG_DATA_HOME");
        Path base = dataHome != null && !dataHome.isBlank()
                ? Path.of(dataHome) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("djinn").resolve("history.jsonl");
    }

    public int session() {
        return session;
    }

    /** Records a cell that ran; {@code output} is its result's text/plain form, or null. */
    public synchronized void record(int cell, String input, String output) {
        HistoryEntry entry = new HistoryEntry(session, cell, input, output);
        entries.add(entry);
        append(entry);
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int from = Math.max(0, entries.size() - Math.max(0, length));
        return shaped(entries.subList(from, entries.size()), flags);
    }

    /** {@code sessionOffset} ≤ 0 counts back from this session; {@code stop} is exclusive, as in IPython. */
    @Override
    public synchronized List<HistoryEntry> lookupRange(int sessionOffset, int start, int stop, Set<ResultFlag> flags) {
        int wanted = sessionOffset <= 0 ? session + sessionOffset : sessionOffset;
        List<HistoryEntry> found = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            boolean inRange = entry.getCellNumber() >= start && (stop <= 0 || entry.getCellNumber() < stop);
            if (entry.getSession() == wanted && inRange) {
                found.add(entry);
            }
        }
        return shaped(found, flags);
    }

    /** A glob search ({@code *} and {@code ?}) over inputs; the last {@code length} matches, newest last. */
    @Override
    public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        Pattern glob = globToRegex(pattern == null || pattern.isEmpty() ? "*" : pattern);
        List<HistoryEntry> found = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            if (glob.matcher(entry.getInput()).matches()) {
                found.add(entry);
            }
        }
        if (flags.contains(ResultFlag.UNIQUE)) {
            Map<String, HistoryEntry> latest = new LinkedHashMap<>();
            for (HistoryEntry entry : found) {
                latest.remove(entry.getInput());
                latest.put(entry.getInput(), entry);
            }
            found = new ArrayList<>(latest.values());
        }
        if (length > 0 && found.size() > length) {
            found = found.subList(found.size() - length, found.size());
        }
        return shaped(found, flags);
    }

    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static List<HistoryEntry> shaped(List<HistoryEntry> found, Set<ResultFlag> flags) {
        boolean withOutput = flags.contains(ResultFlag.INCLUDE_OUTPUT);
        List<HistoryEntry> result = new ArrayList<>();
        for (HistoryEntry entry : found) {
            String output = withOutput ? (entry.getOutput() == null ? "" : entry.getOutput()) : null;
            result.add(new HistoryEntry(entry.getSession(), entry.getCellNumber(), entry.getInput(), output));
        }
        return Collections.unmodifiableList(result);
    }

    /** Loads earlier sessions (the newest entries) and returns the highest session number seen. */
    private int load() {
        if (file == null || !Files.isRegularFile(file)) {
            return 0;
        }
        int highest = 0;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    JsonObject json = GSON.fromJson(line, JsonObject.class);
                    int entrySession = json.get("session").getAsInt();
                    String output = json.has("output") ? json.get("output").getAsString() : null;
                    entries.add(new HistoryEntry(entrySession, json.get("line").getAsInt(), json.get("input").getAsString(), output));
                    highest = Math.max(highest, entrySession);
                } catch (JsonParseException | NullPointerException | IllegalStateException | UnsupportedOperationException e) {
                    LOG.warn("Skipped an unreadable line in the history file {}", file);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not read the history file {}: {}", file, e.toString());
        }
        if (entries.size() > MAX_LOADED) {
            entries.subList(0, entries.size() - MAX_LOADED).clear();
        }
        return highest;
    }

    private void append(HistoryEntry entry) {
        if (file == null) {
            return;
        }
        JsonObject json = new JsonObject();
        json.addProperty("session", entry.getSession());
        json.addProperty("line", entry.getCellNumber());
        json.addProperty("input", entry.getInput());
        if (entry.getOutput() != null) {
            json.addProperty("output", entry.getOutput());
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, GSON.toJson(json) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("Could not write the history file {}: {}", file, e.toString());
        }
    }
}
