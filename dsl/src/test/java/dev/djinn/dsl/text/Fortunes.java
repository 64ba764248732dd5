package dev.djinn.dsl.text;

import dev.djinn.dsl.data.setup.FortunesCsv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Real sentences for the text tests: fortunes of Debian's package (install/test-all.sh installs it). */
final class Fortunes {
    private Fortunes() {
    }

    /** The first {@code count} fortunes of each category, with the category's index as label. */
    static Labeled first(int count) {
        List<String> texts = new ArrayList<>();
        for (int c = 0; c < FortunesCsv.CATEGORIES.size(); c++) {
            try {
                String file = Files.readString(FortunesCsv.DEBIAN_FOLDER.resolve(FortunesCsv.CATEGORIES.get(c)), StandardCharsets.UTF_8);
                List<String> some = FortunesCsv.fortunes(file).subList(0, count);
                texts.addAll(some);
            } catch (IOException e) {
                throw new IllegalStateException("The text tests read Debian's fortunes: apt-get install -y fortunes (" + e.getMessage() + ")", e);
            }
        }
        int[] numbers = new int[texts.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = i / count;
        }
        return new Labeled(texts, numbers);
    }

    record Labeled(List<String> texts, int[] labels) {
    }
}
