package dev.djinn.kernel.assist;

import jdk.jshell.SourceCodeAnalysis;

/** Finds where the snippet holding a cursor starts, so completion and documentation see only that snippet. */
final class CurrentSnippet {
    private CurrentSnippet() {
    }

    static int start(SourceCodeAnalysis analysis, String code, int cursor) {
        String before = code.substring(0, cursor);
        String rest = before;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete() || info.remaining().isBlank()) {
                break;
            }
            rest = info.remaining();
        }
        return before.length() - rest.length();
    }
}
