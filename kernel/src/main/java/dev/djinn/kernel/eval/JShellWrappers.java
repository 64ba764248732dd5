package dev.djinn.kernel.eval;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of JShell's wrapper classes: a snippet lives in {@code REPL.$JShell$12}, replaced as {@code $JShell$12B};
 * classes declared in cells are nested in them ({@code REPL.$JShell$13$Foo}).
 */
final class JShellWrappers {
    private static final Pattern TOP_LEVEL = Pattern.compile("REPL\\.\\$JShell\\$[0-9A-Z_]+");

    private JShellWrappers() {
    }

    /** Whether {@code className} is a wrapper itself, not a class nested in one. */
    static boolean isTopLevel(String className) {
        return TOP_LEVEL.matcher(className).matches();
    }

    /** The wrapper {@code className} is or is nested in; empty for classes that are not JShell's. */
    static Optional<String> topLevelOf(String className) {
        Matcher wrapper = TOP_LEVEL.matcher(className);
        return wrapper.lookingAt() ? Optional.of(wrapper.group()) : Optional.empty();
    }
}
