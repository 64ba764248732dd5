package dev.djinn.kernel.errors;

import dev.djinn.kernel.eval.CellCompileException;
import dev.djinn.kernel.eval.CompileDiagnostic;

import java.util.ArrayList;
import java.util.List;

/** Formats compile errors the way javac users know them: the message, the cell line, and a caret under the spot. */
public final class CompileErrorFormatter {

    public ErrorReport format(CellCompileException error) {
        List<String> lines = new ArrayList<>();
        for (CompileDiagnostic diagnostic : error.diagnostics()) {
            List<String> message = messageLines(diagnostic.message());
            lines.add(Ansi.red("Compile error") + " at line " + diagnostic.line() + ", column " + diagnostic.column()
                    + ": " + Ansi.bold(message.get(0)));
            message.subList(1, message.size()).forEach(extra -> lines.add("  " + extra.strip()));
            String gutter = String.format("%4d | ", diagnostic.line());
            lines.add(gutter + diagnostic.sourceLine());
            lines.add(" ".repeat(gutter.length() - 2) + "| " + " ".repeat(diagnostic.column() - 1)
                    + Ansi.red("^".repeat(diagnostic.length())));
        }
        CompileDiagnostic first = error.diagnostics().isEmpty() ? null : error.diagnostics().get(0);
        String value = first == null ? error.getMessage()
                : messageLines(first.message()).get(0) + " (line " + first.line() + ", column " + first.column() + ")";
        return new ErrorReport("CompileError", value, lines);
    }

    /** javac's message lines, without JShell's empty "location: class" line for top-level snippets. */
    static List<String> messageLines(String message) {
        List<String> lines = new ArrayList<>();
        for (String line : message.split("\n")) {
            if (!line.strip().equals("location: class") && !line.isBlank()) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            lines.add(message.strip());
        }
        return lines;
    }
}
