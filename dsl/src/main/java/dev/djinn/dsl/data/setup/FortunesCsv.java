package dev.djinn.dsl.data.setup;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code djinn data fortunes}: a {@code text,label} CSV of real text no one in this project wrote, from Debian's
 * {@code fortunes} package. Each category file holds fortunes between lines of "%"; four categories become four
 * classes. Whitespace inside a fortune is folded to single spaces; a fortune found in two categories is left out (its
 * label would be a coin toss).
 */
public final class FortunesCsv {
    public static final Path DEBIAN_FOLDER = Path.of("/usr/share/games/fortunes");
    public static final List<String> CATEGORIES = List.of("computers", "politics", "science", "songs-poems");
    public static final String FILE = "fortunes.csv";

    private FortunesCsv() {
    }

    /** Writes {@code target}/fortunes.csv from the category files in {@code source}; returns the rows per category. */
    public static Map<String, Integer> write(Path source, Path target) throws IOException {
        Map<String, String> labelOf = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String category : CATEGORIES) {
            Path file = source.resolve(category);
            if (!Files.isRegularFile(file)) {
                throw new IOException("there is no " + file + ": install Debian's package (as root: apt-get install -y fortunes)");
            }
            for (String fortune : fortunes(Files.readString(file, StandardCharsets.UTF_8))) {
                seen.merge(fortune, 1, Integer::sum);
                labelOf.putIfAbsent(fortune, category);
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        CATEGORIES.forEach(category -> counts.put(category, 0));
        Files.createDirectories(target);
        Path partial = Files.createTempFile(target, FILE, ".part");
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            out.write("text,label\n");
            for (Map.Entry<String, String> entry : labelOf.entrySet()) {
                if (seen.get(entry.getKey()) > 1) {
                    continue;
                }
                out.write(quoted(entry.getKey()) + "," + entry.getValue() + "\n");
                counts.merge(entry.getValue(), 1, Integer::sum);
            }
        }
        Files.move(partial, target.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        return counts;
    }

    /** The fortunes of one strfile source: text between "%" lines, whitespace folded. */
    public static List<String> fortunes(String file) {
        List<String> fortunes = new ArrayList<>();
        for (String entry : file.split("(?m)^%\\s*$")) {
            String text = entry.replaceAll("\\s+", " ").strip();
            if (!text.isEmpty()) {
                fortunes.add(text);
            }
        }
        return fortunes;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
