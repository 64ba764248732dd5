package dev.djinn.kernel.eval;

import dev.djinn.magics.everyday.ClasspathEntry;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates cells with one in-process JShell: splits a cell into snippets, runs them in order, keeps the raw value
 * of the last expression, and turns JShell's events into exceptions that name cell lines.
 */
public final class CellEvaluator implements AutoCloseable {
    private final List<String> classpath = new ArrayList<>();
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream warnings;
    private final boolean guardExit;
    private final SnippetOrigins origins = new SnippetOrigins();
    private final ReferencedImports imports = new ReferencedImports();
    // replaced together when JShell's compiler breaks and the session moves to a fresh JShell
    private volatile KernelExecutionProvider provider;
    private volatile JShell jshell;
    private volatile CellSplitter splitter;
    private volatile CompilerStatePruner pruner;
    private volatile ReplClassIndex replClasses;
    private volatile IndexingHold indexing;
    private volatile boolean indexingWanted;
    private volatile boolean interrupted;
    private Snippet lastTempVar;

    /**
     * @param classpath entries JShell compiles against (the kernel's own class path, so cells see the DSL)
     * @param warnings  where non-fatal notes about a cell go (the cell's stderr)
     */
    public CellEvaluator(List<String> classpath, InputStream in, PrintStream out, PrintStream warnings) {
        this(classpath, in, out, warnings, true);
    }

    /** @param guardExit whether System.exit in cell code becomes an error (kernel) or exits (scripts) */
    public CellEvaluator(List<String> classpath, InputStream in, PrintStream out, PrintStream warnings, boolean guardExit) {
        this.in = in;
        this.out = out;
        this.warnings = warnings;
        this.guardExit = guardExit;
        this.classpath.addAll(classpath);
        start();
    }

    private void start() {
        this.provider = new KernelExecutionProvider(guardExit);
        this.jshell = JShell.builder()
                .executionEngine(provider, null)
                .fileManager(ClassPathIndexKeeper::new)
                .in(in).out(out).err(warnings)
                .build();
        // JShell's compiler starts from the JVM's class path and snippets load through the application class loader:
        // adding those entries again cost ~120 ms of start-up (each addition resets javac's class path)
        Set<String> own = new HashSet<>(systemClasspath());
        classpath.stream().filter(entry -> !own.contains(entry)).forEach(jshell::addToClasspath);
        this.splitter = new CellSplitter(jshell.sourceCodeAnalysis());
        this.indexing = new IndexingHold(jshell.sourceCodeAnalysis());
        if (indexingWanted) {
            indexing.release();
        }
        this.pruner = new CompilerStatePruner(jshell);
        imports.install(jshell);
        this.replClasses = new ReplClassIndex(jshell);
        this.lastTempVar = null;
    }

    /**
     * JShell's compiler can break for good (a jar on its class path damaged after it was added makes every analysis
     * fail with an InternalError, {@code 1+1} included). Instead of failing every cell until a restart loses the
     * session, the session moves to a fresh JShell: unusable class path entries are left out, and definitions and
     * variables (the same objects) are carried over.
     */
    private void recover(InternalError failure) {
        JShell broken = jshell;
        IndexingHold brokenIndexing = indexing;
        VariableHolders brokenHolders = provider.control().holders();
        List<String> dropped = new ArrayList<>();
        classpath.removeIf(entry -> ClasspathEntry.problem(Path.of(entry)).map(dropped::add).isPresent());
        start();
        List<String> lost = new SessionReplay(broken, brokenHolders, jshell, provider.control().holders(), origins).replay();
        brokenIndexing.release(); // JShell indexes on one thread for the JVM: held, the fresh JShell's would wait
        broken.close();
        warnings.println("Note: the Java compiler failed (" + failure.getMessage() + ") and was restarted with your definitions and variables."
                + (dropped.isEmpty() ? "" : " Left off the class path: " + String.join(" ", dropped))
                + (lost.isEmpty() ? "" : " Not carried over (run their cells again): " + String.join(", ", lost) + "."));
    }

    /** The class path the kernel's JVM was started with, as JShell wants it: one entry per element. */
    public static List<String> systemClasspath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** JShell's analysis, for completion and inspection: from now on, JShell indexes the class path for them. */
    public SourceCodeAnalysis analysis() {
        indexClassPath();
        return jshell.sourceCodeAnalysis();
    }

    /**
     * Lets JShell index the JDK's and the class path's classes (package names in completions, import suggestions):
     * held back from the start until the kernel is idle or a completion asks, so it does not slow the first cells.
     */
    public void indexClassPath() {
        indexingWanted = true;
        indexing.release();
    }

    /** Whether JShell's indexing of the class path is held back (tests). */
    boolean indexingHeld() {
        return indexing.holding();
    }

    /** Whether cells have defined a variable or method with this name. */
    public boolean defines(String name) {
        return jshell.variables().anyMatch(v -> v.name().equals(name))
                || jshell.methods().anyMatch(m -> m.name().equals(name));
    }

    /** A variable defined by cells: name, declared type, and JShell's text of its value. */
    public record Variable(String name, String type, String value) {
    }

    /** The variables cells have defined and that are usable, in definition order. */
    public List<Variable> variables() {
        List<Variable> variables = new ArrayList<>();
        jshell.variables().filter(v -> jshell.status(v) == Snippet.Status.VALID)
                .filter(v -> !v.name().startsWith("$"))
                .forEach(v -> variables.add(new Variable(v.name(), v.typeName(), valueText(v))));
        return variables;
    }

    private String valueText(VarSnippet variable) {
        try {
            return jshell.varValue(variable);
        } catch (RuntimeException e) {
            return "(unavailable: " + e.getClass().getSimpleName() + ")";
        }
    }

    /** Lets cells use the classes of a jar or folder from now on; anything else is refused with a sentence. */
    public void addToClasspath(String path) {
        ClasspathEntry.problem(Path.of(path)).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        jshell.addToClasspath(path);
        classpath.add(path);
    }

    /** Runs the cell numbered {@code cellNumber} and returns the value of its last expression, if it has one. */
    public CellResult eval(String cell, int cellNumber) {
        return eval(cell, cellNumber, true);
    }

    /**
     * Runs code the kernel itself wrote (its start-up imports) as cell 0: it skips the syntax check, whose first use
     * starts javac's parser cold (~150 ms) while the user waits for the first cell.
     */
    public CellResult evalOwnCode(String code) {
        return eval(code, 0, false);
    }

    /**
     * Compiles, loads and runs one throwaway expression and forgets it: javac's code generator and JShell's class
     * loading are cold until the first snippet that is not an import (~100 ms), which the user's first cell would
     * otherwise pay.
     */
    public void warmUp() {
        for (SnippetEvent event : jshell.eval("String.valueOf(1).length()")) {
            jshell.drop(event.snippet());
        }
    }

    private CellResult eval(String cell, int cellNumber, boolean checkSyntax) {
        interrupted = false;
        CellText text = new CellText(cell);
        CellResult result = CellResult.NO_VALUE;
        try {
            List<CellSnippet> snippets = splitter.split(cell);
            if (checkSyntax && snippets.size() > 1) {
                refuseSyntaxErrors(snippets, text);
            }
            for (CellSnippet snippet : snippets) {
                result = evalSnippet(snippet, text, cellNumber);
                if (interrupted) {
                    throw new CellInterruptedException();
                }
            }
        } finally {
            pruner.afterCell();
        }
        return result;
    }

    /**
     * Nothing of a cell with a syntax error runs (IPython's rule): the parser's error is reported for a snippet that
     * parses in no form and that JShell, too, cannot take (a guard against a form this check lacks).
     */
    private void refuseSyntaxErrors(List<CellSnippet> snippets, CellText text) {
        Optional<SyntaxCheck.SyntaxError> error = SyntaxCheck.firstError(snippets)
                .filter(e -> jshell.sourceCodeAnalysis().sourceToSnippets(e.snippet().source()).stream()
                        .anyMatch(s -> s.kind() == Snippet.Kind.ERRONEOUS));
        if (error.isPresent()) {
            SyntaxCheck.SyntaxError e = error.get();
            throw new CellCompileException(List.of(diagnostic(e.start(), e.end(), e.message(), e.snippet(), text)));
        }
    }

    /** Prunes JShell's compiler state now (a long session's tests); returns the class files left, or -1 when it cannot. */
    int pruneCompilerState() {
        return pruner.prune();
    }

    /** javac's tables of classes whose {@code REPL} classes are indexed for JShell's clean-up (tests). */
    List<ReplClassIndex.IndexedClasses> indexedClassTables() {
        return replClasses.tables();
    }

    /** How many class files javac was last shown in the {@code REPL} package by a cell's compile (tests). */
    int classFilesLastListed() {
        return imports.classFilesLastListed();
    }

    /** Stops the running cell: JShell stops snippet code, library code sees {@link Thread#interrupt()}. */
    public void interrupt() {
        interrupted = true;
        jshell.stop();
    }

    private CellResult evalSnippet(CellSnippet snippet, CellText text, int cellNumber) {
        CellResult result = CellResult.NO_VALUE;
        List<SnippetEvent> events;
        try {
            events = evalSource(snippet.source());
        } catch (InternalError failure) {
            recover(failure);
            events = evalSource(snippet.source());
        }
        keepValuesOfUpdatedVariables(events);
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // a consequence (another snippet updated or dropped), not this snippet's own outcome
            }
            Snippet evaluated = event.snippet();
            origins.record(evaluated.id(), new SnippetOrigins.Origin(cellNumber, text, snippet.offset()));
            if (event.status() == Snippet.Status.REJECTED) {
                throw new CellCompileException(diagnostics(evaluated, snippet, text));
            }
            JShellException thrown = event.exception();
            if (thrown instanceof EvalException) {
                if (interrupted) {
                    throw new CellInterruptedException();
                }
                throw new CellRuntimeException((EvalException) thrown, origins);
            }
            if (thrown instanceof UnresolvedReferenceException) {
                throw new IllegalStateException(unresolvedMessage(((UnresolvedReferenceException) thrown).getSnippet()));
            }
            if (evaluated instanceof DeclarationSnippet && event.status() != Snippet.Status.VALID) {
                warnings.println("Note: " + unresolvedMessage((DeclarationSnippet) evaluated));
            }
            if (isExpression(evaluated)) {
                keepOnlyLatestTempVar(evaluated);
                result = new CellResult(true, provider.control().lastValue(), event.value());
            } else {
                result = CellResult.NO_VALUE;
            }
        }
        return result;
    }

    private List<SnippetEvent> evalSource(String source) {
        replClasses.coverNewContexts();
        return imports.evaluating(source, jshell::eval);
    }

    /**
     * A snippet can make JShell recompile earlier variables (a star import does, for every variable whose type or
     * initializer names a type). When it has to load their wrapper anew, JShell resets them to null, and when the
     * import makes a name in the declaration ambiguous ({@code java.awt.*} after {@code java.util.*}: which
     * {@code List}?), it drops them. The user's values are carried into the new wrappers instead, and a dropped
     * variable is declared again with its fully qualified type. Only a value that no longer fits (its class was
     * redefined in a cell) is reset, with a note, as JShell would.
     */
    private void keepValuesOfUpdatedVariables(List<SnippetEvent> events) {
        VariableHolders holders = provider.control().holders();
        try {
            for (SnippetEvent event : events) {
                if (event.causeSnippet() == null || !(event.snippet() instanceof VarSnippet variable)) {
                    continue;
                }
                if (event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED && event.previousStatus().isDefined()) {
                    // dropped by a name the import made ambiguous; an OVERWRITTEN one was declared again by the user
                    declareAgain(variable, holders);
                } else if (event.status().isDefined() && holders.carryOver(variable.name()) == VariableHolders.Carry.RESET) {
                    warnings.println("Note: variable " + variable.name() + " was reset to its default value: its type "
                            + variable.typeName() + " was redefined, so the old value no longer fits.");
                }
            }
        } finally {
            holders.clearReplaced();
        }
    }

    private void declareAgain(VarSnippet variable, VariableHolders holders) {
        String name = variable.name();
        boolean kept = holders.declarableType(name)
                .map(type -> evalSource(type + " " + name + ";").stream().allMatch(e -> e.status() != Snippet.Status.REJECTED)
                        && holders.carryOver(name) == VariableHolders.Carry.KEPT)
                .orElse(false);
        if (!kept) {
            warnings.println("Note: variable " + name + " cannot be used until its declaration compiles again: "
                    + jshell.diagnostics(variable).map(d -> d.getMessage(Locale.ROOT)).findFirst().orElse("it no longer compiles") + ".");
        }
    }

    /**
     * JShell keeps every expression's value as a {@code $N} variable and imports all of them into every later
     * snippet, so each evaluation gets slower (1+1 takes 50 ms after 800 cells) and every value stays reachable.
     * Keeping only the latest one, like IPython's {@code _}, holds evaluation near 7 ms and lets old values be freed.
     */
    private void keepOnlyLatestTempVar(Snippet evaluated) {
        if (evaluated.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            return;
        }
        if (lastTempVar != null) {
            jshell.drop(lastTempVar);
        }
        lastTempVar = evaluated;
    }

    private static boolean isExpression(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.EXPRESSION
                || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private String unresolvedMessage(DeclarationSnippet declaration) {
        List<String> missing = jshell.unresolvedDependencies(declaration).collect(Collectors.toList());
        String what = declaration.kind().name().toLowerCase(Locale.ROOT) + " " + declaration.name();
        return missing.isEmpty()
                ? what + " cannot be used yet: fix the errors in its declaration and run that cell again."
                : what + " cannot be used until " + String.join(", ", missing) + " is defined: define it, then run this again.";
    }

    private List<CompileDiagnostic> diagnostics(Snippet snippet, CellSnippet source, CellText text) {
        List<CompileDiagnostic> found = new ArrayList<>();
        for (Diag diag : (Iterable<Diag>) jshell.diagnostics(snippet)::iterator) {
            if (!diag.isError()) {
                continue;
            }
            long start = diag.getStartPosition() >= 0 ? diag.getStartPosition() : diag.getPosition();
            found.add(diagnostic(start, Math.max(diag.getEndPosition(), start + 1), diag.getMessage(Locale.ROOT), source, text));
        }
        return found;
    }

    /** An error at [start, end) of a snippet's source, placed on its cell line and column. */
    private static CompileDiagnostic diagnostic(long start, long end, String message, CellSnippet source, CellText text) {
        int offset = source.offset() + (int) Math.max(0, Math.min(start, source.source().length()));
        int line = text.lineOf(offset);
        String lineText = text.line(line);
        int column = text.columnOf(offset);
        int length = (int) Math.max(1, Math.min(end - start, lineText.length() - column + 1));
        return new CompileDiagnostic(line, column, length, message, lineText);
    }

    @Override
    public void close() {
        indexing.release(); // JShell indexes on one thread for the JVM: held, a later JShell's would wait forever
        jshell.close();
    }
}
