package dev.djinn.magics.everyday;

import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code %%writefile [-a] file}: writes the rest of the cell to a file (IPython's; {@code -a} or {@code --append}
 * adds to its end), relative to the notebook's folder, and says what it did as IPython does.
 */
public final class WriteFileMagic extends BaseMagic {
    public WriteFileMagic() {
        super("%%writefile [-a] file, then its text", "writes the rest of the cell to a file (-a: appends)", true, "writefile");
    }

    @Override
    public boolean line() {
        return false;
    }

    @Override
    public Object run(MagicCall call, Session session) {
        List<String> words = call.words();
        boolean append = !words.isEmpty() && (words.get(0).equals("-a") || words.get(0).equals("--append"));
        List<String> names = append ? words.subList(1, words.size()) : words;
        if (names.size() != 1) {
            throw new MagicException("Give one file to write.");
        }
        Path file = Path.of(names.get(0));
        boolean existed = Files.exists(file);
        String text = call.body().endsWith("\n") || call.body().isEmpty() ? call.body() : call.body() + "\n";
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (append) {
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new MagicException("Could not write " + file + ": " + e.getMessage());
        }
        session.print((append ? "Appending to " : existed ? "Overwriting " : "Writing ") + file + "\n");
        return null;
    }
}
