package dev.djinn.kernel.eval;

import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;

import java.util.function.BooleanSupplier;

/**
 * Warms up javac inside JShell on a second, private JShell in a background thread (and the parser of the cells' syntax
 * check), so the user's first cells run
 * at full speed: javac needs a few dozen compilations before the JIT has made it fast (1+1 takes 20 ms cold and
 * 7 ms warm). A separate instance never touches the user's state and needs no locking; the JIT-compiled javac code
 * it leaves behind is shared by the whole JVM.
 */
public final class CompilerWarmUp {
    private static final String[] SAMPLES = {
        "1 + 1", "int warm = 3;", "Math.max(3, 4)", "String.valueOf(42).length()",
        "java.util.List.of(1, 2).size()", "System.out.print(\"\");"
    };

    private static final long IDLE_POLL_MS = 50;

    private CompilerWarmUp() {
    }

    /**
     * @param rounds    snippets to compile in all
     * @param idle      true while the kernel has had nothing to do for a while: warming up only then keeps it off the
     *                  user's cores
     * @param firstIdle run once, the first time the kernel is idle, before the warm-up's rounds: other work for idle
     *                  time
     */
    public static void startInBackground(int rounds, BooleanSupplier idle, Runnable firstIdle) {
        Thread thread = new Thread(() -> {
            try {
                awaitIdle(idle);
                firstIdle.run();
                run(rounds, idle);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "djinn-compiler-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void awaitIdle(BooleanSupplier idle) throws InterruptedException {
        while (!idle.getAsBoolean()) {
            Thread.sleep(IDLE_POLL_MS);
        }
    }

    static void run(int rounds, BooleanSupplier idle) {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            for (int i = 0; i < rounds; i++) {
                awaitIdle(idle);
                for (SnippetEvent event : shell.eval(SAMPLES[i % SAMPLES.length])) {
                    shell.drop(event.snippet()); // keeps every round as cheap as the first
                }
                if (i % SAMPLES.length == 0) {
                    SyntaxCheck.parses("int warm = 3;"); // the parse a cell of several lines starts with
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // warming up is an optimisation: a failure changes nothing the user sees
        }
    }
}
