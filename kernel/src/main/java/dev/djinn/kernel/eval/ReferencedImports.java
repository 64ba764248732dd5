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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.djinn.kernel.eval.JShellInternals.cast;
import static dev.djinn.kernel.eval.JShellInternals.field;

/**
 * Keeps a cell's compile the size of what it can refer to, not of the session. JShell wraps every snippet it
 * compiles in a class that statically imports every variable and method the session defined, and javac reads the
 * class file of each one four or five times per cell: with 1,000 live declarations {@code 1+1} took 106 ms instead of
 * 25. Here a cell's compiles import only the variables and methods named by the code JShell can compile for it: the
 * cell's own source; the source of every snippet that names what the cell declares (JShell compiles those again),
 * and so on through what those declare; and the source of every snippet still waiting for a missing name (JShell
 * tries those again). Code can use a variable or method only by writing its name, so every wrapper still imports
 * all its code needs. Classes and imports are always imported, an import cell imports everything (it can change what
 * any name means), and completion and inspection, which list what is in scope, see everything. JShell has no API for
 * this: it needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the launcher passes it); without it every
 * declaration is imported, as in plain JShell.
 */
final class ReferencedImports {
    private static final Logger LOG = LoggerFactory.getLogger(ReferencedImports.class);
    private static final Pattern IMPORT = Pattern.compile("^import\\s.*", Pattern.DOTALL);
    private static final Set<String> CLASS_LIKE = Set.of("class", "interface", "enum", "record");

    /** The names of each snippet's source, kept while JShell keeps the snippet. */
    private final Map<Snippet, Set<String>> namesOfSnippets = new WeakHashMap<>();
    /** The names the evaluating thread's compile may import; null: all (and on other threads, always all). */
    private final ThreadLocal<Set<String>> imported = new ThreadLocal<>();
    private JShell jshell;

    /** Makes the imports of {@code jshell}'s wrappers follow the names cells use (or, when it cannot, leaves them whole). */
    void install(JShell jshell) {
        this.jshell = null;
        try {
            Object maps = field(JShell.class, "maps").get(jshell);
            Field snippetsByKey = field(maps.getClass(), "keyIndexToSnippet");
            List<Snippet> current = cast(snippetsByKey.get(maps));
            snippetsByKey.set(maps, new FilteredSnippets(current));
            this.jshell = jshell;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Long sessions will slow down: every cell's compile imports every declaration ({}). "
                    + "Start the JVM with --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED.", e.toString());
        }
    }

    /** Evaluates {@code source} with imports of the declarations its compiles can name. */
    List<SnippetEvent> evaluating(String source, Function<String, List<SnippetEvent>> eval) {
        try {
            imported.set(importsFor(source));
        } catch (RuntimeException e) {
            LOG.warn("Imported every declaration into this cell's compile: {}", e.toString()); // slower, never wrong
        }
        try {
            return eval.apply(source);
        } finally {
            imported.remove();
        }
    }

    /** The names the compiles of {@code source} may need imported; null when anything may be needed. */
    private Set<String> importsFor(String source) {
        // a name spelled with a unicode escape is not decoded by the name scan
        if (jshell == null || IMPORT.matcher(source).matches() || source.contains("\\u")) {
            return null;
        }
        List<Word> words = words(source);
        Set<String> needed = names(words);
        Map<String, List<Snippet>> namers = new HashMap<>();
        for (Snippet snippet : jshell.snippets().toList()) {
            Snippet.Status status = jshell.status(snippet);
            if (!snippet.kind().isPersistent() || !status.isActive()) {
                continue;
            }
            if (status == Snippet.Status.VALID) {
                namesOf(snippet).forEach(name -> namers.computeIfAbsent(name, n -> new ArrayList<>()).add(snippet));
            } else {
                needed.addAll(namesOf(snippet)); // waiting for a name: JShell tries it again when one is declared
            }
        }
        // what the cell may declare (JShell recompiles the snippets that name it), then what those may recompile
        Set<String> linked = declarable(source, words);
        Deque<String> links = new ArrayDeque<>(linked);
        Set<Snippet> recompilable = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!links.isEmpty()) {
            for (Snippet snippet : namers.getOrDefault(links.pop(), List.of())) {
                if (recompilable.add(snippet)) {
                    needed.addAll(namesOf(snippet));
                    if (snippet instanceof DeclarationSnippet declaration && linked.add(declaration.name())) {
                        links.push(declaration.name());
                    }
                }
            }
        }
        return needed;
    }

    private static boolean isVariableOrMethod(Snippet snippet) {
        return snippet instanceof VarSnippet || snippet instanceof MethodSnippet;
    }

    private Set<String> namesOf(Snippet snippet) {
        return namesOfSnippets.computeIfAbsent(snippet, s -> names(words(s.source())));
    }

    /**
     * The names {@code source} (its {@code words}) may declare, found without a parse (JShell's costs as much as the cell's compile): a
     * name right after {@code class}, {@code interface}, {@code enum} or {@code record}, and a name followed by
     * {@code = ; , ( [} or nothing — where every variable and method declaration puts its name. Calls and assignments
     * come along; more than the declared names only imports more.
     */
    private static Set<String> declarable(String source, List<Word> words) {
        Set<String> names = new HashSet<>();
        Word previous = null;
        for (Word word : words) {
            int next = CellSplitter.skipBlankAndComments(source, word.end());
            boolean namesAClass = previous != null && CLASS_LIKE.contains(previous.text())
                    && CellSplitter.skipBlankAndComments(source, previous.end()) == word.start();
            if (next == source.length() || "=;,([".indexOf(source.charAt(next)) >= 0 || namesAClass) {
                names.add(word.text());
            }
            previous = word;
        }
        return names;
    }

    /** The distinct names among {@code words} (the words of strings too: more than needed is harmless). */
    private static Set<String> names(List<Word> words) {
        return words.stream().map(Word::text).collect(Collectors.toCollection(HashSet::new));
    }

    /** A Java name in a source, at [start, end). */
    private record Word(String text, int start, int end) {
    }

    /** The Java names of {@code source} outside its comments, in order (the words of its strings too). */
    private static List<Word> words(String source) {
        List<Word> words = new ArrayList<>();
        int at = CellSplitter.skipBlankAndComments(source, 0);
        while (at < source.length()) {
            if (!Character.isJavaIdentifierStart(source.charAt(at))) {
                at = CellSplitter.skipBlankAndComments(source, at + 1);
                continue;
            }
            int start = at;
            while (at < source.length() && Character.isJavaIdentifierPart(source.charAt(at))) {
                at++;
            }
            words.add(new Word(source.substring(start, at), start, at));
            at = CellSplitter.skipBlankAndComments(source, at);
        }
        return words;
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
            Set<String> names = imported.get();
            if (names == null) {
                return super.iterator();
            }
            return super.stream().filter(snippet -> snippet != null
                    && (!isVariableOrMethod(snippet) || names.contains(((DeclarationSnippet) snippet).name()))).iterator();
        }
    }
}
