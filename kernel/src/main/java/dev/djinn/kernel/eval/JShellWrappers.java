package dev.djinn.kernel.eval;

import java.util.Optional;

/**
 * The names of JShell's wrapper classes: a snippet lives in {@code REPL.$JShell$12}, replaced as {@code $JShell$12B};
 * classes declared in cells are nested in them ({@code REPL.$JShell$13$Foo}).
 */
final class JShellWrappers {
    private static final String PREFIX = "REPL.$JShell$";

    private JShellWrappers() {
    }

    /** Whether {@code className} is a wrapper itself, not a class nested in one. */
    static boolean isTopLevel(String className) {
        return wrapperLength(className) == className.length();
    }

    /** The wrapper {@code className} is or is nested in; empty for classes that are not JShell's. */
    static Optional<String> topLevelOf(String className) {
        int length = wrapperLength(className);
        return length < 0 ? Optional.empty() : Optional.of(className.substring(0, length));
    }

    /**
     * The length of the wrapper name {@code className} starts with (the prefix, then digits, capitals and underscores),
     * or -1. No regular expression: it runs for every class file of every compile.
     */
    private static int wrapperLength(String className) {
        if (!className.startsWith(PREFIX)) {
            return -1;
        }
        int end = PREFIX.length();
        while (end < className.length() && isWrapperChar(className.charAt(end))) {
            end++;
        }
        return end == PREFIX.length() ? -1 : end;
    }

    private static boolean isWrapperChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '_';
    }
}
