package dev.djinn.magics.dispatch;

import java.nio.file.Path;
import java.util.List;

/**
 * What magics need from the interpreter that runs cells (JShell in the kernel): running code, reading variables,
 * growing the class path. The kernel implements it; tests can use a plain one.
 */
public interface Session {
    /** Runs {@code code} as a cell would and returns the value of its last expression (null if none). */
    Object eval(String code);

    /**
     * Runs a whole cell as the front end's cells run: its magic lines and cell magics too, in order (what
     * {@code %load} does with a notebook's cells). Returns the last part's value.
     */
    Object runCell(String cell);

    /** The user's variables, in the order they were defined. */
    List<Variable> variables();

    /** Adds a jar or a folder of classes to what cells can use. */
    void addToClasspath(Path path);

    /** Writes to the cell's standard output (timings, notes). */
    void print(String text);

    /** Shows a value as an output of its own (display_data: no Out[n] prompt); a terminal prints it. */
    default void display(Object value) {
        print(value + "\n");
    }

    /**
     * While the returned handle is open, the kernel's interrupt runs {@code stop} (a magic waiting on a process
     * kills it); the magic then throws {@link MagicInterruptedException} and the cell ends as interrupted. Sessions
     * without interrupts ignore it.
     */
    default Interruptible onInterrupt(Runnable stop) {
        return () -> { };
    }

    /** What {@link #onInterrupt} hands back: closing it ends the magic's interruptible stretch. */
    interface Interruptible extends AutoCloseable {
        @Override
        void close();
    }

    /** This session's cell inputs so far, oldest first (the front end's In[n]); empty where no history is kept. */
    default List<Input> inputs() {
        return List.of();
    }

    /** The kept inputs of this and earlier sessions that match a glob ({@code *}, {@code ?}), oldest first. */
    default List<Input> searchInputs(String glob) {
        return List.of();
    }

    /** A cell's input in the history: its session's number, its cell number in that session, its code. */
    record Input(int session, int cell, String code) {
    }

    /** What cells can use beyond the kernel's own jars, in the order added. */
    List<Path> addedClasspath();

    /** A user variable: its name, declared type and current value. */
    record Variable(String name, String type, Object value) {
    }
}
