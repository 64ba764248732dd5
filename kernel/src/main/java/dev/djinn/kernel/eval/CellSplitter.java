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
                addCode(snippets, rest, offset);
                break;
            }
            addCode(snippets, info.source(), offset);
            rest = info.remaining();
        }
        return snippets;
    }

    /**
     * Adds a snippet from its first character of code: leading blank lines and comments are dropped. JShell numbers a
     * snippet's lines from its first non-blank character, so the offset must start there too; and a comment line in
     * front of an import shifts the line numbers of every wrapper JShell recompiles for it, which made it reload them
     * and lose the variables they held.
     */
    private static void addCode(List<CellSnippet> snippets, String source, int offset) {
        int skip = skipBlankAndComments(source, 0);
        if (skip < source.length()) {
            snippets.add(new CellSnippet(source.substring(skip), offset + skip));
        }
    }

    /** The first position from {@code from} on that is neither blank nor inside a comment. */
    static int skipBlankAndComments(String source, int from) {
        int at = from;
        while (at < source.length()) {
            if (Character.isWhitespace(source.charAt(at))) {
                at++;
            } else if (source.startsWith("//", at)) {
                int end = source.indexOf('\n', at);
                at = end < 0 ? source.length() : end + 1;
            } else if (source.startsWith("/*", at)) {
                int end = source.indexOf("*/", at + 2);
                if (end < 0) {
                    return at; // an unclosed comment: JShell's diagnostics say so
                }
                at = end + 2;
            } else {
                break;
            }
        }
        return at;
    }
}
