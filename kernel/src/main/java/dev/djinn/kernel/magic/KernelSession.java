package dev.djinn.kernel.magic;

import dev.djinn.kernel.eval.CellEvaluator;
import dev.djinn.kernel.eval.CellInterruptedException;
import dev.djinn.kernel.eval.CellResult;
import dev.djinn.kernel.history.SessionHistory;
import dev.djinn.magics.dispatch.CellRun;
import dev.djinn.magics.dispatch.MagicInterruptedException;
import dev.djinn.magics.dispatch.MagicRegistry;
import dev.djinn.magics.dispatch.Session;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The magics' view of the kernel: code runs in the cell's JShell, printing goes to the cell's stdout. */
public final class KernelSession implements Session {
    private final Supplier<CellEvaluator> evaluator;
    private final MagicRegistry magics;
    private final Consumer<Object> display;
    private final SessionHistory history;
    private final List<Path> added = new ArrayList<>();
    private int cellNumber;
    /** What stops the running magic's process on an interrupt (null: nothing to stop). */
    private volatile Runnable stopMagic;

    /** @param history the kernel's input history, which {@code %history} reads */
    public KernelSession(Supplier<CellEvaluator> evaluator, MagicRegistry magics, Consumer<Object> display, SessionHistory history) {
        this.evaluator = evaluator;
        this.magics = magics;
        this.display = display;
        this.history = history;
    }

    /** The number of the cell now running, for error locations in code magics run. */
    public void cellNumber(int number) {
        this.cellNumber = number;
    }

    @Override
    public Object eval(String code) {
        CellResult result = evaluator.get().eval(code, cellNumber);
        return result.hasValue() ? result.value() : null;
    }

    /** Runs a cell's code and magics in order; its value is the last part's. */
    public CellResult run(String cell) {
        return CellRun.run(cell, part -> {
            if (!part.isMagic()) {
                return evaluator.get().eval(part.code(), cellNumber);
            }
            Object value;
            try {
                value = magics.run(part.magic(), this);
            } catch (MagicInterruptedException e) {
                throw new CellInterruptedException();
            }
            return value == null ? CellResult.NO_VALUE : new CellResult(true, value, String.valueOf(value));
        }, CellResult.NO_VALUE);
    }

    @Override
    public Object runCell(String cell) {
        CellResult result = run(cell);
        return result.hasValue() ? result.value() : null;
    }

    @Override
    public List<Variable> variables() {
        return evaluator.get().variables().stream().map(v -> new Variable(v.name(), v.type(), v.value())).collect(Collectors.toList());
    }

    @Override
    public List<Input> inputs() {
        return inputs(history.lookupRange(0, 1, 0, Set.of()));
    }

    @Override
    public List<Input> searchInputs(String glob) {
        return inputs(history.search(glob, 0, Set.of()));
    }

    private static List<Input> inputs(List<HistoryEntry> entries) {
        return entries.stream().map(e -> new Input(e.getSession(), e.getCellNumber(), e.getInput())).toList();
    }

    @Override
    public void addToClasspath(Path path) {
        evaluator.get().addToClasspath(path.toString());
        added.add(path);
    }

    @Override
    public List<Path> addedClasspath() {
        return List.copyOf(added);
    }

    @Override
    public Interruptible onInterrupt(Runnable stop) {
        stopMagic = stop;
        return () -> stopMagic = null;
    }

    /** The kernel's interrupt, for a magic waiting on something of its own (a shell command): stops it. */
    public void interrupt() {
        Runnable stop = stopMagic;
        if (stop != null) {
            stop.run();
        }
    }

    @Override
    public void display(Object value) {
        display.accept(value);
    }

    @Override
    public void print(String text) {
        System.out.print(text);
        System.out.flush();
    }
}
