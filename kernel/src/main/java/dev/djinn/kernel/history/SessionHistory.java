package dev.djinn.kernel.history;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
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
 * The file is its owner's alone (0600: cells can hold passwords and tokens) and bounded: past twice
 * the entries it keeps ({@link #KEPT}) it is rewritten with the newest of them, the older file kept once as {@code history.jsonl.1}.
 */
public final class SessionHistory implements HistoryManager {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHistory.class);
    static final int KEPT = 10_000;
    /** Outputs are kept for history requests that ask for them; a 5 MB output does not need to be. */
    static final int OUTPUT_KEPT = 4_000;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Gson GSON = new Gson();

    private final Path file;
    private final List<HistoryEntry> entries = new ArrayList<>();
    private final int session;
    private final int kept;
    private int linesInFile;

    /** @param file where history lives; null keeps it in memory only */
    public SessionHistory(Path file) {
        this(file, KEPT);
    }

    /** @param kept how many entries are loaded and kept when the file is rotated */
    SessionHistory(Path file, int kept) {
        this.file = file;
        this.kept = kept;
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
        String shortOutput = output == null || output.length() <= OUTPUT_KEPT ? output : output.substring(0, OUTPUT_KEPT) + "…";
        HistoryEntry entry = new HistoryEntry(session, cell, input, shortOutput);
        entries.add(entry);
        if (entries.size() > 2 * kept) {
            entries.subList(0, entries.size() - kept).clear();
        }
        append(entry);
        if (linesInFile > 2 * kept) {
            rotate();
        }
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
        ArrayDeque<HistoryEntry> newest = new ArrayDeque<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                linesInFile++;
                HistoryEntry entry = parse(line);
                if (entry != null) {
                    newest.addLast(entry);
                    if (newest.size() > kept) {
                        newest.removeFirst();
                    }
                    highest = Math.max(highest, entry.getSession());
                }
            }
            ownerOnly(file);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not read the history file {}: {}", file, e.toString());
        }
        entries.addAll(newest);
        if (linesInFile > 2 * kept) {
            rotate();
        }
        return highest;
    }

    private HistoryEntry parse(String line) {
        try {
            JsonObject json = GSON.fromJson(line, JsonObject.class);
            String output = json.has("output") ? json.get("output").getAsString() : null;
            return new HistoryEntry(json.get("session").getAsInt(), json.get("line").getAsInt(), json.get("input").getAsString(), output);
        } catch (JsonParseException | NullPointerException | IllegalStateException | UnsupportedOperationException e) {
            LOG.warn("Skipped an unreadable line in the history file {}", file);
            return null;
        }
    }

    /** Rewrites the file with the newest entries it keeps; the previous file becomes {@code <name>.1}. */
    private void rotate() {
        List<HistoryEntry> newest = entries.subList(Math.max(0, entries.size() - kept), entries.size());
        try {
            Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".rotating");
            try {
                ownerOnly(temporary);
                Files.write(temporary, newest.stream().map(SessionHistory::line).toList(), StandardCharsets.UTF_8);
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                linesInFile = newest.size();
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            LOG.warn("Could not rotate the history file {}: {}", file, e.toString());
        }
    }

    private static String line(HistoryEntry entry) {
        JsonObject json = new JsonObject();
        json.addProperty("session", entry.getSession());
        json.addProperty("line", entry.getCellNumber());
        json.addProperty("input", entry.getInput());
        if (entry.getOutput() != null) {
            json.addProperty("output", entry.getOutput());
        }
        return GSON.toJson(json);
    }

    private static void ownerOnly(Path path) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, OWNER_ONLY);
        }
    }

    private void append(HistoryEntry entry) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
                ownerOnly(file);
            }
            Files.writeString(file, line(entry) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            linesInFile++;
        } catch (IOException e) {
            LOG.warn("Could not write the history file {}: {}", file, e.toString());
        }
    }
}
