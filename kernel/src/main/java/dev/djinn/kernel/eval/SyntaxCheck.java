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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
    private static final String[][] FORMS = {
            {"class $Djinn { void $run() {\n", "\n;} }"},    // statements, local variables and classes
            {"class $Djinn {\n", "\n;}"},                    // fields, methods, classes
            {"class $Djinn { Object $value = (\n", "\n); }"}, // expressions
            {"", "\nclass $Djinn {}"},                       // imports
    };

    private SyntaxCheck() {
    }

    /** The first snippet that does not parse in any form, if any. */
    static Optional<CellSnippet> firstUnparsable(List<CellSnippet> snippets) {
        // one javac task parses every snippet in every form: a task costs ~5 ms, a small unit's parse far less
        List<Source> units = new ArrayList<>();
        for (int s = 0; s < snippets.size(); s++) {
            for (String[] form : FORMS) {
                units.add(new Source(s, form[0] + snippets.get(s).source() + form[1]));
            }
        }
        Map<Integer, Long> failures = withErrors(units).stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        return IntStream.range(0, snippets.size()).filter(s -> failures.getOrDefault(s, 0L) == FORMS.length)
                .mapToObj(snippets::get).findFirst();
    }

    static boolean parses(String source) {
        return firstUnparsable(List.of(new CellSnippet(source, 0))).isEmpty();
    }

    /** The snippet of each unit that has an error, once per unit. */
    private static List<Integer> withErrors(List<Source> units) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = (JavacTask) JAVAC.getTask(null, FILES, diagnostics, List.of("-proc:none"), null, units);
        try {
            task.parse();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<Source> failed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() instanceof Source source) {
                failed.add(source);
            }
        }
        return failed.stream().map(source -> source.snippet).toList();
    }

    private static final class Source extends SimpleJavaFileObject {
        private final int snippet;
        private final String code;

        Source(int snippet, String code) {
            super(URI.create("string:///s" + snippet + "/$Djinn.java"), Kind.SOURCE);
            this.snippet = snippet;
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
