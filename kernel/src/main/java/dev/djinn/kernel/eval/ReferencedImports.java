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
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
 * any name means), and completion and inspection, which list what is in scope, see everything. javac is likewise
 * shown only the wrapper class files such a compile can reach (it lists and enters every class of the {@code REPL}
 * package in each task, and JShell removes them all again after it): those of classes and of the declarations
 * imported. JShell has no API for this: it needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the launcher
 * passes it); without it every declaration is imported, as in plain JShell.
 */
final class ReferencedImports {
    private static final Logger LOG = LoggerFactory.getLogger(ReferencedImports.class);
    private static final Pattern IMPORT = Pattern.compile("^import\\s.*", Pattern.DOTALL);
    private static final Set<String> CLASS_LIKE = Set.of("class", "interface", "enum", "record");

    /** The names of each snippet's source, kept while JShell keeps the snippet. */
    private final Map<Snippet, Set<String>> namesOfSnippets = new WeakHashMap<>();
    /** What the evaluating thread's compile may see; null: all (and on other threads, always all). */
    private final ThreadLocal<Scope> scope = new ThreadLocal<>();
    private JShell jshell;
    private Field outerWrap;
    private Method wrapperName;
    private ListedClassFiles classFiles;
    /** Each snippet's wrapper class, by the wrap it was last compiled in (a recompiled snippet gets a new one). */
    private final Map<Snippet, Wrapper> wrappers = new WeakHashMap<>();

    private record Wrapper(Object wrap, String name) {
    }

    /** The names a compile imports, and the wrappers javac is not shown (they hold only declarations not imported). */
    private record Scope(Set<String> names, Set<String> hiddenWrappers) {
    }

    /**
     * Makes the imports of {@code jshell}'s wrappers, and the class files its compiles are shown, follow the names
     * cells use (or, when it cannot, leaves them whole).
     */
    void install(JShell jshell) {
        this.jshell = null;
        try {
            outerWrap = field(Snippet.class, "outer");
            wrapperName = JShellInternals.wrapperName();
            Object fileManager = JShellInternals.fileManager(jshell);
            Field classObjects = JShellInternals.classFilesField(fileManager);
            Map<String, Object> files = cast(classObjects.get(fileManager));
            Object maps = field(JShell.class, "maps").get(jshell);
            Field snippetsByKey = field(maps.getClass(), "keyIndexToSnippet");
            List<Snippet> current = cast(snippetsByKey.get(maps));
            classFiles = new ListedClassFiles(files);
            classObjects.set(fileManager, classFiles);
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
            scope.set(scopeOf(source));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Imported every declaration into this cell's compile: {}", e.toString()); // slower, never wrong
        }
        try {
            return eval.apply(source);
        } finally {
            scope.remove();
        }
    }

    /** How many class files javac was last shown in the {@code REPL} package by a cell's compile (-1: none yet). */
    int classFilesLastListed() {
        return classFiles == null ? -1 : classFiles.lastListed;
    }

    /** What the compiles of {@code source} may need; null when anything may be needed. */
    private Scope scopeOf(String source) throws ReflectiveOperationException {
        // a name spelled with a unicode escape is not decoded by the name scan
        if (jshell == null || IMPORT.matcher(source).matches() || source.contains("\\u")) {
            return null;
        }
        List<Word> words = words(source);
        Set<String> needed = names(words);
        Map<String, List<Snippet>> namers = new HashMap<>();
        List<Snippet> live = new ArrayList<>();
        for (Snippet snippet : jshell.snippets().toList()) {
            Snippet.Status status = jshell.status(snippet);
            if (!snippet.kind().isPersistent() || !status.isActive()) {
                continue;
            }
            live.add(snippet);
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
        return new Scope(needed, hiddenWrappers(live, needed));
    }

    /**
     * The wrappers of {@code live} snippets that hold only variables and methods not {@code imported}: no compile of
     * the cell can reach them (a class a variable's type names is in a class's wrapper, which is always shown).
     */
    private Set<String> hiddenWrappers(List<Snippet> live, Set<String> imported) throws ReflectiveOperationException {
        Map<String, Boolean> shown = new HashMap<>();
        for (Snippet snippet : live) {
            // several snippets can share a wrapper (a declaration of two variables)
            shown.merge(wrapperOf(snippet), isImported(snippet, imported), Boolean::logicalOr);
        }
        Set<String> hidden = new HashSet<>();
        shown.forEach((wrapper, reachable) -> {
            if (!reachable) {
                hidden.add(wrapper);
            }
        });
        return hidden;
    }

    /** The name of the class {@code snippet} was last compiled in ({@code REPL.$JShell$12B}). */
    private String wrapperOf(Snippet snippet) throws ReflectiveOperationException {
        Object wrap = outerWrap.get(snippet);
        Wrapper known = wrappers.get(snippet);
        if (known == null || known.wrap() != wrap) {
            known = new Wrapper(wrap, JShellInternals.wrapperOf(snippet, wrapperName));
            wrappers.put(snippet, known);
        }
        return known.name();
    }

    /** Whether a compile that imports {@code names} imports {@code snippet}: classes and imports always are. */
    private static boolean isImported(Snippet snippet, Set<String> names) {
        return !isVariableOrMethod(snippet) || names.contains(((DeclarationSnippet) snippet).name());
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
        /** The indices a scope imports, kept until JShell sets a snippet (a key's kind and name never change). */
        private final Memo<int[]> indices = new Memo<>();
        private int sets;

        FilteredSnippets(List<Snippet> snippets) {
            super(snippets);
        }

        @Override
        public Snippet set(int index, Snippet snippet) {
            sets++;
            return super.set(index, snippet);
        }

        @Override
        public boolean add(Snippet snippet) {
            sets++;
            return super.add(snippet);
        }

        @Override
        public Iterator<Snippet> iterator() {
            Scope current = scope.get();
            if (current == null) {
                return super.iterator();
            }
            // the list holds every key the session made (each expression's too): walk it when it changes, not per wrap
            int[] kept = indices.get(current, sets, () -> IntStream.range(0, size()).filter(i -> {
                Snippet snippet = get(i);
                return snippet != null && isImported(snippet, current.names());
            }).toArray());
            return Arrays.stream(kept).mapToObj(this::get).iterator();
        }
    }

    /**
     * JShell's class files by name: read only to list the {@code REPL} package to javac (through {@code values()}), so
     * leaving out the hidden wrappers there changes nothing but what javac enters.
     */
    private final class ListedClassFiles extends TreeMap<String, Object> {
        private volatile int lastListed = -1;
        /** What a scope is shown, kept until a class file is written (each of a cell's 4-5 tasks lists). */
        private final Memo<List<Object>> listed = new Memo<>();
        private int writes;

        ListedClassFiles(Map<String, Object> files) {
            super(files);
        }

        @Override
        public Object put(String name, Object file) {
            writes++;
            return super.put(name, file);
        }

        @Override
        public Collection<Object> values() {
            Scope current = scope.get();
            if (current == null) {
                return super.values();
            }
            List<Object> shown = listed.get(current, writes, () -> {
                List<Object> files = new ArrayList<>();
                forEach((name, file) -> {
                    if (!JShellWrappers.topLevelOf(name).map(current.hiddenWrappers()::contains).orElse(false)) {
                        files.add(file);
                    }
                });
                return files;
            });
            lastListed = shown.size();
            return shown;
        }
    }

    /** A value computed for one scope, kept until what it was computed from changes (its count of changes moves). */
    private static final class Memo<T> {
        private Scope scope;
        private int changes;
        private T value;

        T get(Scope scope, int changes, Supplier<T> compute) {
            if (this.scope != scope || this.changes != changes) {
                value = compute.get();
                this.scope = scope;
                this.changes = changes;
            }
            return value;
        }
    }
}
