package dev.djinn.magics.everyday;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.CellPartFailure;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.MagicInterruptedException;
import dev.djinn.magics.dispatch.Session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %load file}: runs a {@code .jsh} or {@code .java} file, or every code cell of an {@code .ipynb} (magic cells
 * such as {@code %maven} included, in order, as IJava does), in this session (their classes, methods and variables
 * stay defined), and gives the last value. As in IJava, a name without its extension is found too:
 * {@code %load ../utils/djl-imports} loads {@code djl-imports.ipynb} (d2l-java's notebooks start so). An error names
 * the file and its code cell.
 */
public final class LoadMagic extends BaseMagic {
    /** What IJava tries after the name as given, in this order. */
    static final List<String> EXTENSIONS = List.of(".jsh", ".jshell", ".java", ".jav", ".ipynb");
    /** Far larger than any source file people %load (notebooks, whose outputs can be large, are not limited). */
    private static final long MAX_SOURCE_BYTES = 8_000_000;

    public LoadMagic() {
        super("%load file.jsh | %load File.java | %load notebook.ipynb",
                "runs a .jsh/.java file or a notebook's code cells in this session", false, "load");
    }

    @Override
    public Object run(MagicCall call, Session session) {
        List<String> words = call.words();
        if (words.size() != 1) {
            throw new MagicException("Give one file to load.");
        }
        Path file = find(words.get(0));
        boolean notebook = file.toString().endsWith(".ipynb");
        List<String> pieces = notebook ? codeCells(file) : List.of(source(file));
        Object value = null;
        for (int i = 0; i < pieces.size(); i++) {
            if (pieces.get(i).isBlank()) {
                continue;
            }
            try {
                value = session.runCell(pieces.get(i));
                if (value != null && i < pieces.size() - 1 && pieces.get(i).stripLeading().startsWith("%")) {
                    session.print(value + "\n"); // what a magic cell says (%maven: what it added, and what not)
                }
            } catch (MagicInterruptedException stopped) {
                throw stopped;
            } catch (RuntimeException failure) {
                throw new CellPartFailure(file.getFileName() + (notebook ? ", code cell " + (i + 1) : ""), List.of(), failure);
            }
        }
        session.print("Loaded " + (notebook ? pieces.size() + " code cell" + (pieces.size() == 1 ? "" : "s") + " of " : "")
                + file.getFileName() + "\n");
        return value;
    }

    /** The file as named, else with the first of {@link #EXTENSIONS} that exists. */
    static Path find(String name) {
        Path given = Path.of(name);
        if (Files.isRegularFile(given)) {
            return given;
        }
        for (String extension : EXTENSIONS) {
            Path candidate = Path.of(name + extension);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new MagicException("There is no file " + name + " (looked at " + given.toAbsolutePath() + ", also with "
                + String.join(", ", EXTENSIONS) + ").");
    }

    /** A file of code; a data file run as code would keep the kernel busy for minutes. */
    private static String source(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_SOURCE_BYTES) {
                throw new MagicException(file + " has " + String.format("%.1f MB", size / 1e6) + ": %load runs Java code, and "
                        + "that is more than a program's source. Read data with csv(…), Files.readString(…) or Table.read().");
            }
        } catch (IOException e) {
            throw new MagicException("Could not read " + file + ": " + e.getMessage());
        }
        return read(file);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new MagicException("Could not read " + file + ": " + e.getMessage());
        }
    }

    /** The code cells of a notebook, in order, magic cells included. */
    static List<String> codeCells(Path notebook) {
        JsonObject json;
        try {
            json = JsonParser.parseString(read(notebook)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new MagicException(notebook + " is not a notebook (not JSON with cells): " + e.getMessage());
        }
        List<String> cells = new ArrayList<>();
        JsonArray array = json.getAsJsonArray("cells");
        if (array == null) {
            throw new MagicException(notebook + " is not a notebook: it has no \"cells\".");
        }
        for (JsonElement element : array) {
            JsonObject cell = element.getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            JsonElement source = cell.get("source");
            StringBuilder text = new StringBuilder();
            if (source.isJsonArray()) {
                source.getAsJsonArray().forEach(line -> text.append(line.getAsString()));
            } else {
                text.append(source.getAsString());
            }
            cells.add(text.toString());
        }
        return cells;
    }
}
