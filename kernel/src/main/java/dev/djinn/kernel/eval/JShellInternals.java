package dev.djinn.kernel.eval;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Reflective access to JShell's private state, for what its API lacks (pruning dead wrappers, importing only referenced
 * declarations, indexing its classes for the clean-up after each compile); the launcher opens {@code jdk.jshell} for it.
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

    /** JShell's factory of javac tasks (it holds the file manager and the pool of compiler contexts). */
    static Object taskFactory(JShell jshell) throws ReflectiveOperationException {
        return field(JShell.class, "taskFactory").get(jshell);
    }

    /** JShell's file manager (its {@code classObjects} map holds every class file it generated). */
    static Object fileManager(JShell jshell) throws ReflectiveOperationException {
        Object taskFactory = taskFactory(jshell);
        return field(taskFactory.getClass(), "fileManager").get(taskFactory);
    }

    /** The field of {@link #fileManager} holding JShell's class files by name. */
    static Field classFilesField(Object fileManager) throws NoSuchFieldException {
        return field(fileManager.getClass(), "classObjects");
    }

    /** Reads the name of the class a snippet was last compiled in. */
    static Method wrapperName() throws NoSuchMethodException {
        Method className = Snippet.class.getDeclaredMethod("className");
        className.setAccessible(true);
        return className;
    }

    /** The full name of the class {@code snippet} was last compiled in ({@code REPL.$JShell$12B}). */
    static String wrapperOf(Snippet snippet, Method wrapperName) throws ReflectiveOperationException {
        return "REPL." + wrapperName.invoke(snippet);
    }
}
