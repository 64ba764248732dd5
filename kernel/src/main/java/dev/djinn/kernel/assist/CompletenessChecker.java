package dev.djinn.kernel.assist;

import dev.djinn.magics.dispatch.CellParts;
import dev.djinn.magics.dispatch.JavaText;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

import java.util.function.Supplier;

/**
 * Answers {@code is_complete}: whether a console should run the code on Enter, wait for more lines (and with what
 * indent), or report it invalid.
 */
public final class CompletenessChecker {
    public static final String INDENT_UNIT = "    ";

    /** The verdict, with the indent for the next line when incomplete. */
    public record Verdict(String status, String indent) {
    }

    private final Supplier<SourceCodeAnalysis> analysis;

    public CompletenessChecker(Supplier<SourceCodeAnalysis> analysis) {
        this.analysis = analysis;
    }

    public Verdict check(String code) {
        if (code.stripLeading().startsWith("%%")) {
            // a cell magic's body may be anything (a script, HTML): as in IPython, a blank last line ends it
            String[] lines = code.split("\n", -1);
            return lines.length > 1 && lines[lines.length - 1].isBlank() ? new Verdict("complete", null) : new Verdict("incomplete", "");
        }
        String rest = CellParts.withoutMagicLines(code);
        SourceCodeAnalysis sca = analysis.get();
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
            Completeness completeness = info.completeness();
            if (completeness == Completeness.DEFINITELY_INCOMPLETE || completeness == Completeness.CONSIDERED_INCOMPLETE) {
                return new Verdict("incomplete", INDENT_UNIT.repeat(openBrackets(code)));
            }
            if (completeness == Completeness.UNKNOWN) {
                return new Verdict("invalid", null);
            }
            rest = info.remaining();
        }
        return new Verdict("complete", null);
    }

    /** How deep the end of the code is nested in (), [] and {}, skipping strings, chars and comments. */
    static int openBrackets(String code) {
        int depth = 0;
        for (char c : JavaText.codeOnly(code).toCharArray()) {
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return depth;
    }
}
