package dev.djinn.kernel.assist;

import jdk.jshell.SourceCodeAnalysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Signatures and javadoc for the name under the cursor (shift-tab in Jupyter, {@code name?} in a cell). JShell
 * finds javadoc in the JDK's src.zip (Debian: openjdk-17-source) and in source jars on the class path.
 */
public final class Inspector {
    private final Supplier<SourceCodeAnalysis> analysis;

    public Inspector(Supplier<SourceCodeAnalysis> analysis) {
        this.analysis = analysis;
    }

    public Documentation inspect(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++; // the cursor may sit inside a name: document the whole name
        }
        int nameStart = end;
        while (nameStart > 0 && (Character.isJavaIdentifierPart(code.charAt(nameStart - 1)) || code.charAt(nameStart - 1) == '.')) {
            nameStart--;
        }
        SourceCodeAnalysis sca = analysis.get();
        int start = CurrentSnippet.start(sca, code, Math.min(nameStart, end));
        String snippet = code.substring(start, end);
        int cursorInSnippet = end - start;
        List<SourceCodeAnalysis.Documentation> found = sca.documentation(snippet, cursorInSnippet, true);
        if (found.isEmpty()) {
            // JShell documents methods from inside their argument list: "Math.max" needs "Math.max("
            found = sca.documentation(snippet + "(", cursorInSnippet + 1, true);
        }
        List<Documentation.Entry> entries = new ArrayList<>();
        for (SourceCodeAnalysis.Documentation doc : found) {
            entries.add(new Documentation.Entry(doc.signature(), doc.javadoc()));
        }
        return new Documentation(code.substring(nameStart, end), entries);
    }
}
