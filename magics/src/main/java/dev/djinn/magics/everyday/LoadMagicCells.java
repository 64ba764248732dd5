package dev.djinn.magics.everyday;

import java.nio.file.Path;
import java.util.List;

/** The code cells {@code %load} runs from a notebook (magic cells included), for tools and tests. */
public final class LoadMagicCells {
    private LoadMagicCells() {
    }

    public static List<String> of(Path notebook) {
        return LoadMagic.codeCells(notebook);
    }
}
