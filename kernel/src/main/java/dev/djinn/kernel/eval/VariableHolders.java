package dev.djinn.kernel.eval;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * JShell keeps each variable in a static field of a wrapper class ({@code REPL.$JShell$12}). When another snippet
 * makes it recompile that wrapper (a star import, a comment that shifts a line, a class the variable's type names)
 * and the bytes differ, in-process execution cannot redefine the class, so JShell loads a replacement under a new
 * name ({@code $JShell$12B}) whose field starts out null or zero: the user's value would be gone. This class knows
 * which loaded wrapper holds each variable, and which holder the current evaluation replaced, so that values can be
 * carried into their new holders.
 */
final class VariableHolders {
    /** In a type's name, the mark of a class no source can name: an anonymous or local class ({@code Foo$1}). */
    private static final Pattern UNNAMEABLE = Pattern.compile("\\$\\d");

    interface ClassFinder {
        Class<?> find(String name) throws ClassNotFoundException;
    }

    /** What happened to a variable's value when its holder was replaced. */
    enum Carry { KEPT, RESET, NOT_REPLACED }

    private final ClassFinder finder;
    private final Map<String, Class<?>> holders = new HashMap<>();
    private final Map<String, Class<?>> replaced = new HashMap<>();

    VariableHolders(ClassFinder finder) {
        this.finder = finder;
    }

    /** Notes the variables that newly loaded wrapper classes hold (JShell's {@code $N} values are not tracked). */
    void loaded(Iterable<String> classNames) {
        for (String name : classNames) {
            // top-level wrappers only: nested classes are user types, not variable holders
            Class<?> wrapper = JShellWrappers.isTopLevel(name) ? find(name) : null;
            if (wrapper == null) {
                continue;
            }
            for (Field field : wrapper.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && !field.isSynthetic() && !field.getName().startsWith("$")) {
                    Class<?> before = holders.put(field.getName(), wrapper);
                    if (before != null && before != wrapper) {
                        replaced.putIfAbsent(field.getName(), before);
                    }
                }
            }
        }
    }

    /**
     * Copies variable {@code name} from the holder the current evaluation replaced into its new holder, if the old
     * value fits the new field (a value of a class the user has since redefined does not).
     */
    Carry carryOver(String name) {
        return copy(replaced.get(name), holders.get(name), name);
    }

    /** Copies variable {@code name} from the holder {@code from} knows into the one {@code to} knows (a rebuilt session). */
    static Carry copy(VariableHolders from, VariableHolders to, String name) {
        return copy(from.holders.get(name), to.holders.get(name), name);
    }

    private static Carry copy(Class<?> before, Class<?> after, String name) {
        Field from = before == null ? null : staticField(before, name);
        Field to = after == null ? null : staticField(after, name);
        if (from == null || to == null) {
            return Carry.NOT_REPLACED;
        }
        try {
            Object value = from.get(null);
            if (!fits(to.getType(), from.getType(), value)) {
                return Carry.RESET;
            }
            to.set(null, value);
            return Carry.KEPT;
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return Carry.RESET;
        }
    }

    /**
     * The variable's type as a fully qualified Java type that can declare it again ({@code java.util.List<java.lang.String>}),
     * when a new import made its simple type name ambiguous; empty for types no source can name (anonymous classes,
     * classes declared in cells).
     */
    Optional<String> declarableType(String name) {
        Field field = Optional.ofNullable(holders.get(name)).map(holder -> staticField(holder, name)).orElse(null);
        if (field == null) {
            return Optional.empty();
        }
        String type = field.getGenericType().getTypeName();
        if (type.contains("$JShell$") || UNNAMEABLE.matcher(type).find()) {
            return Optional.empty();
        }
        return Optional.of(type.replace('$', '.'));
    }

    /** Ends the current evaluation: what it replaced is forgotten, the holders stay known. */
    void clearReplaced() {
        replaced.clear();
    }

    private static boolean fits(Class<?> type, Class<?> previousType, Object value) {
        return type.isPrimitive() ? type == previousType : value == null || type.isInstance(value);
    }

    private static Field staticField(Class<?> wrapper, String name) {
        try {
            Field field = wrapper.getDeclaredField(name);
            field.setAccessible(true);
            return Modifier.isStatic(field.getModifiers()) ? field : null;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }

    private Class<?> find(String name) {
        try {
            return finder.find(name);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
