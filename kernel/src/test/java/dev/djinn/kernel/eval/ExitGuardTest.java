package dev.djinn.kernel.eval;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExitGuardTest {

    /** Calls System.exit and Runtime.halt: run unguarded, it would end the test JVM. */
    public static final class Quitter {
        public static void exit() {
            System.exit(3);
        }

        public static void halt() {
            Runtime.getRuntime().halt(5);
        }

        public static int harmless() {
            return 42;
        }
    }

    @Test
    void guardedExitCallsThrowAndOtherCodeIsUnchanged() throws Exception {
        Class<?> guarded = loadGuarded(Quitter.class);
        InvocationTargetException exit = assertThrows(InvocationTargetException.class,
                () -> guarded.getMethod("exit").invoke(null));
        assertInstanceOf(CellExitException.class, exit.getCause());
        assertEquals(true, exit.getCause().getMessage().startsWith("System.exit(3) was called in a cell"));
        InvocationTargetException halt = assertThrows(InvocationTargetException.class,
                () -> guarded.getMethod("halt").invoke(null));
        assertInstanceOf(CellExitException.class, halt.getCause());
        assertEquals(42, guarded.getMethod("harmless").invoke(null));
    }

    private static Class<?> loadGuarded(Class<?> type) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        byte[] original;
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            original = in.readAllBytes();
        }
        byte[] guarded = ExitGuard.guard(original);
        return new ClassLoader(ExitGuardTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(type.getName(), guarded, 0, guarded.length);
            }
        }.define();
    }
}
