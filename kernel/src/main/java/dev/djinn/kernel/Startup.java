package dev.djinn.kernel;

import dev.djinn.kernel.eval.CellEvaluator;

import java.io.InputStream;
import java.io.PrintStream;

/** Builds the kernel's JShell with the imports every cell starts with, and warms up its compiler. */
final class Startup {
    /** What every cell can use without importing it. */
    static final String IMPORTS = String.join("\n",
            "import java.util.*;",
            "import java.util.function.*;",
            "import java.util.stream.*;",
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.nio.file.*;",
            "import java.time.*;",
            "import ai.djl.ndarray.*;",
            "import ai.djl.ndarray.types.*;",
            "import tech.tablesaw.api.*;",
            "import static dev.djinn.Djinn.*;",
            "import static dev.djinn.magics.Magics.*;",
            "import static dev.djinn.kernel.Notebook.*;");

    private Startup() {
    }

    static CellEvaluator evaluator(InputStream in, PrintStream out, PrintStream err) {
        CellEvaluator evaluator = new CellEvaluator(CellEvaluator.systemClasspath(), in, out, err);
        evaluator.eval(IMPORTS, 0);
        return evaluator;
    }
}
