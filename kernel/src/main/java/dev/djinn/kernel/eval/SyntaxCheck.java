package dev.djinn.kernel.eval;

import com.sun.source.util.JavacTask;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Optional;

/**
 * Finds a syntax error anywhere in a cell before any of it runs, as IPython does: each snippet is parsed (not
 * compiled: a later snippet may use what an earlier one defines) as an import, a member, a statement or an
 * expression, the places JShell puts snippets. A snippet no form parses has a syntax error. Names that do not
 * resolve are found when their snippet runs, after the ones before it.
 */
final class SyntaxCheck {
    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    // parsing reads no class files, so one file manager serves every check
    private static final StandardJavaFileManager FILES = JAVAC.getStandardFileManager(null, null, null);
    private static final String[] EXPRESSION = {"class $Djinn { Object $value = (", "\n); }"};
    private static final String[][] FORMS = {
            {"class $Djinn { void $run() {", "\n;} }"},  // statements, local variables and classes
            {"class $Djinn {", "\n;}"},                  // fields, methods, classes
            EXPRESSION,                                  // expressions
            {"", "\nclass $Djinn {}"},                  // imports
    };
    private static final Pattern FINAL_SEMICOLON = Pattern.compile(";(\\s|//[^\\n]*|/\\*(?s:.*?)\\*/)*$");

    private SyntaxCheck() {
    }

    /** Where a snippet fails to parse: offsets in its source, and the parser's message. */
    record SyntaxError(CellSnippet snippet, long start, long end, String message) {
    }

    /**
     * The first snippet that does not parse in any form, with the error of the form it parses furthest in (the
     * form it was meant to be), if any.
     */
    static Optional<SyntaxError> firstError(List<CellSnippet> snippets) {
        // one javac task parses every snippet in every form: a task costs ~5 ms, a small unit's parse far less
        List<Source> units = new ArrayList<>();
        for (int s = 0; s < snippets.size(); s++) {
            for (String[] form : FORMS) {
                String code = form == EXPRESSION ? withoutFinalSemicolon(snippets.get(s).source()) : snippets.get(s).source();
                units.add(new Source(s, form[0].length(), form[0] + code + form[1]));
            }
        }
        Map<Source, Diagnostic<? extends JavaFileObject>> firstErrors = firstErrors(units);
        for (int s = 0; s < snippets.size(); s++) {
            int snippet = s;
            List<Source> forms = units.stream().filter(u -> u.snippet == snippet).toList();
            if (forms.stream().allMatch(firstErrors::containsKey)) {
                Source best = forms.stream().max(Comparator.comparingLong(u -> firstErrors.get(u).getPosition() - u.prefix)).orElseThrow();
                Diagnostic<? extends JavaFileObject> error = firstErrors.get(best);
                int length = snippets.get(s).source().length();
                long at = Math.max(0, Math.min(length - 1, error.getPosition() - best.prefix)); // the point the parser names
                long to = Math.max(at + 1, Math.min(length, error.getEndPosition() - best.prefix));
                return Optional.of(new SyntaxError(snippets.get(s), at, to, error.getMessage(Locale.ROOT)));
            }
        }
        return Optional.empty();
    }

    static boolean parses(String source) {
        return firstError(List.of(new CellSnippet(source, 0))).isEmpty();
    }

    /** JShell takes {@code a / b;} as the expression {@code a / b}: the form for expressions drops the semicolon. */
    static String withoutFinalSemicolon(String source) {
        return FINAL_SEMICOLON.matcher(source).replaceFirst("");
    }

    /** Each unit's first parse error (units that parse have none). */
    private static Map<Source, Diagnostic<? extends JavaFileObject>> firstErrors(List<Source> units) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = (JavacTask) JAVAC.getTask(null, FILES, diagnostics, List.of("-proc:none"), null, units);
        try {
            task.parse();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Source, Diagnostic<? extends JavaFileObject>> first = new IdentityHashMap<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() instanceof Source source) {
                first.putIfAbsent(source, d);
            }
        }
        return first;
    }

    private static final class Source extends SimpleJavaFileObject {
        private final int snippet;
        private final int prefix;
        private final String code;

        Source(int snippet, int prefix, String code) {
            super(URI.create("string:///s" + snippet + "/$Djinn.java"), Kind.SOURCE);
            this.snippet = snippet;
            this.prefix = prefix;
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
