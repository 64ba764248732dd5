package dev.djinn.kernel.eval;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static dev.djinn.kernel.eval.JShellInternals.cast;
import static dev.djinn.kernel.eval.JShellInternals.field;

/**
 * Keeps a long session's compiles as fast as a short one's. JShell keeps the class file of every wrapper it ever
 * compiled (each expression's {@code $N}, every replaced or dropped declaration) and lists all of them to javac on
 * every compile, and keeps every snippet it ever saw in the list each evaluation copies: after 1,600 cells of
 * {@code 1+N}, {@code 1+1} took 15-20 ms instead of 7. Only the wrappers of live snippets can be referred to, so the
 * rest are removed. JShell has no API for this: it needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}
 * (the launcher passes it); without it nothing is pruned and a warning says so once.
 */
final class CompilerStatePruner {
    private static final Logger LOG = LoggerFactory.getLogger(CompilerStatePruner.class);
    /** Pruning walks every snippet and class file once; every few cells keeps that cost out of sight. */
    private static final int EVERY = 16;

    private final JShell jshell;
    private Object fileManager;
    /** Read when pruning: the import filter replaces the map with one of its own. */
    private Field classFiles;
    private Set<Snippet> snippets;
    private Method wrapperName;
    private boolean usable;
    private int evaluations;

    CompilerStatePruner(JShell jshell) {
        this.jshell = jshell;
        try {
            this.fileManager = JShellInternals.fileManager(jshell);
            this.classFiles = JShellInternals.classFilesField(fileManager);
            Object maps = field(JShell.class, "maps").get(jshell);
            this.snippets = cast(field(maps.getClass(), "snippets").get(maps));
            this.wrapperName = JShellInternals.wrapperName();
            this.usable = true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Long sessions will slow down: JShell's compiler state cannot be pruned ({}). "
                    + "Start the JVM with --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED.", e.toString());
        }
    }

    /** Called after each cell; prunes every {@value #EVERY} cells. */
    void afterCell() {
        if (usable && ++evaluations % EVERY == 0) {
            prune();
        }
    }

    /** Removes the class files and the snippets nothing can refer to any more; returns how many class files are left. */
    int prune() {
        if (!usable) {
            return -1;
        }
        try {
            Set<String> live = new HashSet<>();
            for (Snippet snippet : snippets) {
                if (jshell.status(snippet).isActive() && snippet.kind().isPersistent()) {
                    live.add(JShellInternals.wrapperOf(snippet, wrapperName));
                }
            }
            Map<String, ?> files = cast(classFiles.get(fileManager));
            files.keySet().removeIf(name -> JShellWrappers.topLevelOf(name).filter(wrapper -> !live.contains(wrapper)).isPresent());
            snippets.removeIf(snippet -> !jshell.status(snippet).isActive());
            return files.size();
        } catch (ReflectiveOperationException | RuntimeException e) {
            usable = false;
            LOG.warn("Stopped pruning JShell's compiler state: {}", e.toString());
            return -1;
        }
    }
}
