package dev.djinn.kernel.eval;

import java.lang.reflect.Field;

/**
 * Reflective access to JShell's private state, for the two things its API lacks (pruning dead wrappers, importing only
 * referenced declarations); the launcher opens {@code jdk.jshell} for it.
 */
final class JShellInternals {
    private JShellInternals() {
    }

    static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object value) {
        return (T) value;
    }
}
