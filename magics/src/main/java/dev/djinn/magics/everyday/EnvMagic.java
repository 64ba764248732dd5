package dev.djinn.magics.everyday;

import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code %env} lists the environment, {@code %env NAME} shows one variable, {@code %env NAME=value} sets it in the map
 * behind {@code System.getenv()}, which {@code ProcessBuilder.environment()} copies for the processes it starts. Java
 * has no public way to change its environment (the kernel's launcher opens {@code java.util} for this), and Java 17
 * none at all to change the native one that {@code Runtime.exec} children inherit.
 */
public final class EnvMagic extends BaseMagic {
    public EnvMagic() {
        super("%env | %env NAME | %env NAME=value",
                "lists, shows or sets environment variables", false, "env");
    }

    @Override
    public Object run(MagicCall call, Session session) {
        String args = call.args().strip();
        if (args.isEmpty()) {
            return new TreeMap<>(System.getenv()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n"));
        }
        int equals = args.indexOf('=');
        if (equals < 0) {
            String value = System.getenv(args);
            if (value == null) {
                throw new MagicException("There is no environment variable " + args + ".");
            }
            return value;
        }
        String name = args.substring(0, equals).strip();
        String value = args.substring(equals + 1).strip();
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new MagicException("\"" + name + "\" is not a variable name: use letters, digits and _.");
        }
        set(name, value);
        return "env: " + name + "=" + value;
    }

    @SuppressWarnings("unchecked")
    static void set(String name, String value) {
        Map<String, String> environment = System.getenv();
        try {
            // System.getenv() is an unmodifiable view over a map that can be written
            Field inner = environment.getClass().getDeclaredField("m");
            inner.setAccessible(true);
            ((Map<String, String>) inner.get(environment)).put(name, value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new MagicException("This JVM does not let the kernel change its environment (" + e.getClass().getSimpleName()
                    + "): start it with --add-opens java.base/java.util=ALL-UNNAMED, as Djinn's launcher does.");
        }
    }
}
