package dev.djinn.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

import java.util.ArrayList;
import java.util.List;

/** Splits a cell into the snippets JShell evaluates one by one, using JShell's own parser. */
public final class CellSplitter {
    private final SourceCodeAnalysis analysis;

    public CellSplitter(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    public List<CellSnippet> split(String cell) {
        List<CellSnippet> snippets = new ArrayList<>();
        String rest = cell;
        while (!rest.isBlank()) {
            int offset = cell.length() - rest.length();
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness completeness = info.completeness();
            if (!completeness.isComplete() || info.source() == null) {
                // incomplete or unparsable: hand the rest to JShell as is, its diagnostics say what is wrong
                snippets.add(trimmedStart(rest, offset));
                break;
            }
            snippets.add(trimmedStart(info.source(), offset));
            rest = info.remaining();
        }
        return snippets;
    }

    /** JShell numbers a snippet's lines from its first non-blank character, so the offset must start there too. */
    private static CellSnippet trimmedStart(String source, int offset) {
        int skip = 0;
        while (skip < source.length() && Character.isWhitespace(source.charAt(skip))) {
            skip++;
        }
        return new CellSnippet(source.substring(skip), offset + skip);
    }
}
