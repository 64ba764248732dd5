package dev.djinn.kernel.errors;

import java.util.List;

/** An error as Jupyter shows it: a name, a one-line value, and the traceback lines (ANSI colours allowed). */
public record ErrorReport(String ename, String evalue, List<String> traceback) {
}
