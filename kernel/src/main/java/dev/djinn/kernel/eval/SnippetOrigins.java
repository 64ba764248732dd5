package dev.djinn.kernel.eval;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers which cell and line every JShell snippet came from, so stack frames like "#12:3" read as cell lines. */
public final class SnippetOrigins {
    /** Where a snippet starts: in cell {@code cell} (its execution count) at {@code offset} of {@code text}. */
    public record Origin(int cell, CellText text, int offset) {
        /** The cell line of a 1-based line inside the snippet. */
        public int cellLine(int snippetLine) {
            return text.lineOf(offset) + snippetLine - 1;
        }
    }

    private final Map<String, Origin> byId = new ConcurrentHashMap<>();

    void record(String snippetId, Origin origin) {
        byId.put(snippetId, origin);
    }

    /** A snippet evaluated again in a rebuilt session comes from where its original came from. */
    void alias(String newId, String oldId) {
        Origin origin = byId.get(oldId);
        if (origin != null) {
            byId.put(newId, origin);
        }
    }

    /** The origin of a snippet named in a stack frame's file name ("#12"). */
    public Optional<Origin> ofFrameFile(String fileName) {
        if (fileName == null || !fileName.startsWith("#")) {
            return Optional.empty();
        }
        return Optional.ofNullable(byId.get(fileName.substring(1)));
    }
}
