package dev.djinn.kernel.assist;

import jdk.jshell.SourceCodeAnalysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tab completion from JShell's own analysis: members after a dot, variables, methods, classes and the
 * static-imported DSL names, best type matches first.
 */
public final class Completer {
    private final Supplier<SourceCodeAnalysis> analysis;

    public Completer(Supplier<SourceCodeAnalysis> analysis) {
        this.analysis = analysis;
    }

    public Completion complete(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        SourceCodeAnalysis sca = analysis.get();
        int start = CurrentSnippet.start(sca, code, at);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = sca.completionSuggestions(code.substring(start), at - start, anchor);
        Set<String> preferred = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (SourceCodeAnalysis.Suggestion suggestion : suggestions) {
            (suggestion.matchesType() ? preferred : others).add(suggestion.continuation());
        }
        List<String> matches = new ArrayList<>(preferred);
        others.stream().filter(s -> !preferred.contains(s)).forEach(matches::add);
        return new Completion(matches, start + anchor[0], at);
    }
}
