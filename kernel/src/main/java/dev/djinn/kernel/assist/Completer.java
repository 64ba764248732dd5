package dev.djinn.kernel.assist;

import jdk.jshell.SourceCodeAnalysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Tab completion from JShell's own analysis: members after a dot, variables, methods, classes and the
 * static-imported DSL names, best type matches first, each with its kind and signatures.
 */
public final class Completer {
    // signatures cost a JShell analysis each (7-20 ms warm): the first candidates get them within this budget
    private static final long SIGNATURE_BUDGET_NANOS = 150_000_000L;
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "if", "implements", "import", "instanceof", "int", "interface", "long", "new", "null", "private",
            "protected", "public", "record", "return", "short", "static", "super", "switch", "this", "throw", "throws",
            "true", "false", "try", "var", "void", "while", "yield");

    private final Supplier<SourceCodeAnalysis> analysis;

    public Completer(Supplier<SourceCodeAnalysis> analysis) {
        this.analysis = analysis;
    }

    public Completion complete(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        SourceCodeAnalysis sca = analysis.get();
        int start = CurrentSnippet.start(sca, code, at);
        String snippet = code.substring(start);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = sca.completionSuggestions(snippet, at - start, anchor);
        Set<String> preferred = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (SourceCodeAnalysis.Suggestion suggestion : suggestions) {
            (suggestion.matchesType() ? preferred : others).add(suggestion.continuation());
        }
        List<String> matches = new ArrayList<>(preferred);
        others.stream().filter(s -> !preferred.contains(s)).forEach(matches::add);
        String before = snippet.substring(0, anchor[0]);
        long deadline = System.nanoTime() + SIGNATURE_BUDGET_NANOS;
        List<Completion.Item> items = new ArrayList<>();
        for (String match : matches) {
            List<String> signatures = System.nanoTime() < deadline && !match.endsWith(".") && !KEYWORDS.contains(match)
                    ? signatures(sca, before + match) : List.of();
            items.add(new Completion.Item(match, type(match, signatures), String.join("\n", signatures)));
        }
        return new Completion(items, start + anchor[0], at);
    }

    private static List<String> signatures(SourceCodeAnalysis sca, String code) {
        try {
            return sca.documentation(code, code.length(), false).stream()
                    .map(SourceCodeAnalysis.Documentation::signature).distinct().collect(Collectors.toList());
        } catch (RuntimeException e) {
            return List.of(); // a signature is a nicety: the candidate still completes
        }
    }

    /** Jupyter's (IPython's) kinds: methods are functions, variables and fields instances, packages modules. */
    private static String type(String match, List<String> signatures) {
        if (match.endsWith("(") || match.endsWith("()")) {
            return "function";
        }
        if (match.endsWith(".")) {
            return "module";
        }
        if (KEYWORDS.contains(match)) {
            return "keyword";
        }
        if (!signatures.isEmpty()) {
            // JShell signs variables and fields "name:type", classes with their qualified name
            return signatures.get(0).contains(":") ? "instance" : "class";
        }
        return Character.isUpperCase(match.charAt(0)) ? "class" : "instance";
    }
}
