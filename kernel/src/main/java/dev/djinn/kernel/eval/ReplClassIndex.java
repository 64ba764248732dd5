package dev.djinn.kernel.eval;

import jdk.jshell.JShell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;

import static dev.djinn.kernel.eval.JShellInternals.cast;
import static dev.djinn.kernel.eval.JShellInternals.field;

/**
 * After each of a cell's 4-5 javac tasks, JShell removes the classes of its {@code REPL} package from javac's symbol
 * table by walking every class javac has met: the JDK's and the libraries' too, thousands once the start-up imports
 * are in. That walk was a third of a {@code 1+1} cell. Each of JShell's compiler contexts gets a table of classes that
 * also keeps the {@code REPL} classes' names, and hands that walk (and only that walk) those classes; every other use
 * of the table is unchanged. It needs {@code --add-opens} of {@code jdk.compiler}'s {@code api} and {@code code}
 * packages (the launcher passes them); without them JShell walks everything, as before, and a warning says so once.
 */
final class ReplClassIndex {
    private static final Logger LOG = LoggerFactory.getLogger(ReplClassIndex.class);
    private static final String SYMTAB = "com.sun.tools.javac.code.Symtab";
    private static final String REPL_PREFIX = "REPL.";

    private Object pool;
    private Field contextsByOptions;
    private Method symtabOf;
    private Field classes;
    /** The contexts whose table is replaced (JShell keeps up to five, one per set of javac options), with it. */
    private final Map<Object, IndexedClasses> covered = new WeakHashMap<>();

    ReplClassIndex(JShell jshell) {
        try {
            Object taskFactory = JShellInternals.taskFactory(jshell);
            pool = field(taskFactory.getClass(), "javacTaskPool").get(taskFactory);
            contextsByOptions = field(pool.getClass(), "options2Contexts");
            Class<?> symtab = Class.forName(SYMTAB, false, JShell.class.getClassLoader());
            symtabOf = symtab.getMethod("instance", Class.forName("com.sun.tools.javac.util.Context", false, symtab.getClassLoader()));
            symtabOf.setAccessible(true);
            classes = field(symtab, "classes");
        } catch (ReflectiveOperationException | RuntimeException e) {
            pool = null;
            LOG.warn("Each cell compiles slower: JShell's clean-up walks every class javac knows ({}). Start the JVM with "
                    + "--add-opens jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED "
                    + "--add-opens jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED.", e.toString());
        }
    }

    /**
     * Indexes the contexts JShell made since the last call. Called before each evaluation: JShell makes its contexts
     * in the first cells and reuses them, and a context waiting in the pool is used by no task.
     */
    synchronized void coverNewContexts() {
        if (pool == null) {
            return;
        }
        try {
            synchronized (pool) { // the pool hands out a context under this lock
                Map<?, Queue<?>> contexts = cast(contextsByOptions.get(pool));
                for (Queue<?> queue : contexts.values()) {
                    for (Object context : queue) {
                        if (!covered.containsKey(context)) {
                            covered.put(context, cover(context));
                        }
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            pool = null; // a JDK whose compiler is built differently: JShell's own walk stays, correct and slower
            LOG.warn("JShell's clean-up walks every class javac knows: {}", e.toString());
        }
    }

    private IndexedClasses cover(Object context) throws ReflectiveOperationException {
        Object symtab = symtabOf.invoke(null, context);
        Map<Object, Object> table = cast(classes.get(symtab));
        if (table instanceof IndexedClasses indexed) {
            return indexed;
        }
        IndexedClasses indexed = new IndexedClasses(table);
        classes.set(symtab, indexed);
        return indexed;
    }

    /** The tables indexed so far (tests). */
    synchronized List<IndexedClasses> tables() {
        return List.copyOf(covered.values());
    }

    /**
     * javac's classes by flat name (each a map by module), also keeping which names are in the {@code REPL} package.
     * javac adds to it through {@code computeIfAbsent} and never removes a name; {@code values()} is read only by
     * {@code getAllClasses()}, which JShell's clean-up calls (annotation processing, its other caller, is off in
     * JShell's compiles) — and a caller other than JShell still gets all of them.
     */
    static final class IndexedClasses extends HashMap<Object, Object> {
        private final Set<Object> replNames = new HashSet<>();
        /** How often JShell's clean-up walked the index, and how many names it was handed the last time (tests). */
        int walks;
        int lastWalked;

        IndexedClasses(Map<Object, Object> table) {
            super(table);
            table.keySet().forEach(this::note);
        }

        @Override
        public Object computeIfAbsent(Object name, Function<? super Object, ?> create) {
            Object byModule = super.computeIfAbsent(name, create);
            note(name);
            return byModule;
        }

        @Override
        public Object put(Object name, Object byModule) {
            note(name);
            return super.put(name, byModule);
        }

        private void note(Object name) {
            if (name.toString().startsWith(REPL_PREFIX)) {
                replNames.add(name);
            }
        }

        @Override
        public Collection<Object> values() {
            if (!calledByJShell()) {
                return super.values();
            }
            Collection<Object> repl = replValues();
            walks++;
            lastWalked = repl.size();
            return repl;
        }

        /** The {@code REPL} names' maps; names whose classes are all removed leave the index (javac keeps them empty). */
        private Collection<Object> replValues() {
            List<Object> found = new ArrayList<>(replNames.size());
            for (Iterator<Object> names = replNames.iterator(); names.hasNext(); ) {
                Object byModule = get(names.next());
                if (byModule == null || ((Map<?, ?>) byModule).isEmpty()) {
                    names.remove();
                } else {
                    found.add(byModule);
                }
            }
            return found;
        }

        /** Whether the first caller outside javac's symbol table is JShell (its clean-up after a task). */
        private static boolean calledByJShell() {
            return StackWalker.getInstance().walk(frames -> frames
                    .map(StackWalker.StackFrame::getClassName)
                    .filter(name -> !name.equals(IndexedClasses.class.getName()) && !name.startsWith(SYMTAB))
                    .findFirst()
                    .map(name -> name.startsWith("jdk.jshell."))
                    .orElse(false));
        }
    }
}
