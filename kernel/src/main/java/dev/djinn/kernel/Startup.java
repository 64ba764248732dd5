package dev.djinn.kernel;

import dev.djinn.kernel.eval.CellEvaluator;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Builds the kernel's JShell with the imports every cell starts with, and warms up its compiler. */
public final class Startup {
    /** What every cell can use without importing it: the imports jshell and scripts get, and the notebook's door. */
    static final String IMPORTS = commonImports() + "import static dev.djinn.kernel.Notebook.*;\n";

    /** The imports shared by the kernel, {@code djinn jshell} and {@code djinn run} (the file the dist ships as djinn.jsh). */
    public static String commonImports() {
        try (InputStream in = Startup.class.getResourceAsStream("djinn.jsh")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("The kernel jar lacks dev/djinn/kernel/djinn.jsh: rebuild Djinn.", e);
        }
    }

    private Startup() {
    }

    static CellEvaluator evaluator(InputStream in, PrintStream out, PrintStream err) {
        CellEvaluator evaluator = new CellEvaluator(CellEvaluator.systemClasspath(), in, out, err);
        evaluator.evalOwnCode(IMPORTS);
        evaluator.warmUp();
        return evaluator;
    }
}
