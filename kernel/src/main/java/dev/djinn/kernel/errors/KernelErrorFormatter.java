package dev.djinn.kernel.errors;

import dev.djinn.kernel.eval.CellCompileException;
import dev.djinn.kernel.eval.CellInterruptedException;
import dev.djinn.kernel.eval.CellRuntimeException;

import dev.djinn.magics.dispatch.CellPartFailure;

import java.util.ArrayList;
import java.util.List;

/** Picks the right report for whatever stopped a cell; kernel-side failures show their message, not kernel frames. */
public final class KernelErrorFormatter {
    private final CompileErrorFormatter compileErrors = new CompileErrorFormatter();
    private final RuntimeErrorFormatter runtimeErrors = new RuntimeErrorFormatter();

    public ErrorReport format(Throwable error) {
        if (error instanceof CellPartFailure part) {
            return located(part);
        }
        if (error instanceof CellCompileException) {
            return compileErrors.format((CellCompileException) error);
        }
        if (error instanceof CellRuntimeException) {
            return runtimeErrors.format((CellRuntimeException) error);
        }
        if (error instanceof CellInterruptedException) {
            return new ErrorReport("Interrupted", error.getMessage(),
                    List.of(Ansi.red("Interrupted") + ": " + error.getMessage()));
        }
        if (error instanceof dev.djinn.magics.dispatch.MagicException) {
            // a magic used wrongly: the sentence and its usage line, as IPython's UsageError
            return new ErrorReport("UsageError", error.getMessage(), List.of(Ansi.red("UsageError") + ": " + error.getMessage()));
        }
        String name = error.getClass().getSimpleName();
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        return new ErrorReport(name, message, List.of(Ansi.red(name) + ": " + message));
    }

    /** The failure's own report, after the loaded file and cell it happened in, before what of the cell did not run. */
    private ErrorReport located(CellPartFailure failure) {
        ErrorReport cause = format(failure.getCause());
        List<String> traceback = new ArrayList<>();
        if (!failure.where().isEmpty()) {
            traceback.add(Ansi.bold("In " + failure.where() + ":"));
        }
        traceback.addAll(cause.traceback());
        if (!failure.notRun().isEmpty()) {
            traceback.add("Not run after it: " + String.join("; ", failure.notRun()));
        }
        String value = failure.where().isEmpty() ? cause.evalue() : "in " + failure.where() + ": " + cause.evalue();
        return new ErrorReport(cause.ename(), value, traceback);
    }
}
