package dev.djinn.kernel.errors;

/** The few ANSI colours tracebacks use; Jupyter front ends render them, terminals too. */
final class Ansi {
    private Ansi() {
    }

    static String red(String text) {
        return "\u001b[0;31m" + text + "\u001b[0m";
    }

    static String green(String text) {
        return "\u001b[0;32m" + text + "\u001b[0m";
    }

    static String bold(String text) {
        return "\u001b[1m" + text + "\u001b[0m";
    }
}
