package dev.djinn.kernel.eval;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static dev.djinn.kernel.eval.JShellInternals.cast;
import static dev.djinn.kernel.eval.JShellInternals.field;

/**
 * Keeps a cell's compile the size of what it can refer to, not of the session. JShell wraps every snippet it
 * compiles in a class that statically imports every variable and method the session defined, and javac reads the
 * class file of each one four or five times per cell: with 1,000 live declarations {@code 1+1} took 106 ms instead of
 * 25. A variable or method is imported only when some code the session evaluated names it, other than its own
 * declaration: a snippet can use a name only by writing it, and JShell recompiles only snippets it evaluated before,
 * so every wrapper still gets every name its code needs. Imports and classes are always imported; code completion and inspection, which list
 * what is in scope, see everything. JShell has no API for this: it needs
 * {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the launcher passes it); without it every declaration is
 * imported, as in plain JShell.
 */
final class ReferencedImports {
    private static final Logger LOG = LoggerFactory.getLogger(ReferencedImports.class);

    /** How often each name occurs in the session's code, not counting the declarations that name themselves. */
    private final Map<String, Integer> occurrences = new HashMap<>();
    /** Set once code spells a name with a unicode escape, which the name scan does not decode: then nothing is left out. */
    private boolean importEverything;
    /** Only the evaluating thread filters: completion on another thread sees every declaration. */
    private final ThreadLocal<Boolean> filtering = ThreadLocal.withInitial(() -> false);

    /** Makes the imports of {@code jshell}'s wrappers follow this session's referenced names; false when it cannot. */
    boolean install(JShell jshell) {
        try {
            Object maps = field(JShell.class, "maps").get(jshell);
            Field snippetsByKey = field(maps.getClass(), "keyIndexToSnippet");
            List<Snippet> current = cast(snippetsByKey.get(maps));
            snippetsByKey.set(maps, new FilteredSnippets(current));
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Long sessions will slow down: every cell's compile imports every declaration ({}). "
                    + "Start the JVM with --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED.", e.toString());
            return false;
        }
    }

    /**
     * Evaluates {@code source} with imports of referenced declarations only, and counts the names it uses: every
     * occurrence but the one a declaration of this source names itself with.
     */
    List<SnippetEvent> evaluating(String source, Function<String, List<SnippetEvent>> eval) {
        Set<String> names = identifiers(source);
        filtering.set(true);
        List<SnippetEvent> events;
        try {
            events = eval.apply(source);
        } finally {
            filtering.set(false);
        }
        for (SnippetEvent event : events) {
            if (event.causeSnippet() == null && declaresAName(event.snippet()) && names.contains(((DeclarationSnippet) event.snippet()).name())) {
                occurrences.merge(((DeclarationSnippet) event.snippet()).name(), -1, Integer::sum);
            }
        }
        return events;
    }

    /** The names in {@code source}, each occurrence counted; a name spelled with a unicode escape makes imports whole. */
    private Set<String> identifiers(String source) {
        importEverything |= source.contains("\\u");
        Set<String> names = new HashSet<>();
        int at = 0;
        while (at < source.length()) {
            if (Character.isJavaIdentifierStart(source.charAt(at))) {
                int start = at;
                while (at < source.length() && Character.isJavaIdentifierPart(source.charAt(at))) {
                    at++;
                }
                String name = source.substring(start, at);
                names.add(name);
                occurrences.merge(name, 1, Integer::sum);
            } else {
                at++;
            }
        }
        return names;
    }

    private static boolean declaresAName(Snippet snippet) {
        return (snippet instanceof VarSnippet || snippet instanceof MethodSnippet)
                && snippet.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private boolean needed(Snippet snippet) {
        if (importEverything || !filtering.get() || !(snippet instanceof VarSnippet || snippet instanceof MethodSnippet)) {
            return true;
        }
        return occurrences.getOrDefault(((DeclarationSnippet) snippet).name(), 0) > 0;
    }

    /**
     * JShell's list of snippets by key: looked up by index everywhere, and iterated only to write a wrapper's imports,
     * so leaving out the declarations no code names changes nothing but those imports.
     */
    private final class FilteredSnippets extends ArrayList<Snippet> {
        FilteredSnippets(List<Snippet> snippets) {
            super(snippets);
        }

        @Override
        public Iterator<Snippet> iterator() {
            return super.stream().filter(snippet -> snippet != null && needed(snippet)).iterator();
        }
    }
}
