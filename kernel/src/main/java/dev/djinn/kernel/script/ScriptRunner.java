package dev.djinn.kernel.script;

import dev.djinn.kernel.KernelLogging;
import dev.djinn.kernel.Startup;
import dev.djinn.kernel.errors.ErrorReport;
import dev.djinn.kernel.errors.KernelErrorFormatter;
import dev.djinn.kernel.eval.CellEvaluator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code djinn run file.jsh [args]}: runs a script headless with the kernel's imports (the DSL and the magics' twins),
 * {@code args} holding the arguments. A compile error or an exception prints the same report a notebook shows and
 * exits with status 1; {@code System.exit(n)} exits with n. Training progress prints as plain lines when stdout is not
 * a terminal.
 */
public final class ScriptRunner {
    private static volatile String[] arguments = new String[0];

    private ScriptRunner() {
    }

    /** The script's arguments, as its {@code args} variable gets them. */
    public static String[] arguments() {
        return arguments.clone();
    }

    public static void main(String[] args) {
        KernelLogging.configure();
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("Usage: djinn run FILE.jsh [ARGS...]");
            return 2;
        }
        Path file = Path.of(args[0]);
        String code;
        try {
            code = Files.readString(file);
        } catch (IOException e) {
            err.println("djinn run: cannot read " + file + " (" + e.getMessage() + ")");
            return 2;
        }
        arguments = Arrays.copyOfRange(args, 1, args.length);
        try (CellEvaluator evaluator = new CellEvaluator(CellEvaluator.systemClasspath(), System.in, out, err, false)) {
            evaluator.evalOwnCode(Startup.commonImports() + "String[] args = dev.djinn.kernel.script.ScriptRunner.arguments();\n");
            evaluator.eval(code, 1);
            out.flush();
            return 0;
        } catch (RuntimeException | Error failure) {
            out.flush();
            ErrorReport report = new KernelErrorFormatter().format(failure);
            err.println(file.getFileName() + " failed:");
            report.traceback().forEach(line -> err.println(line.replaceAll("\u001B\\[[0-9;]*m", "").replace("cell [1] line", file.getFileName() + " line")));
            return 1;
        }
    }
}
