package dev.djinn.kernel.eval;

import dev.djinn.dsl.train.PoliteInterrupts;
import jdk.jshell.execution.LocalExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * JShell's own in-process execution control (so it keeps its way of stopping runaway snippets: ThreadGroup.stop on
 * Java 17, stop checks woven into snippet bytecode on Java 21+), extended to keep the raw value of the last snippet
 * (JShell only returns its string) and to guard cell code against {@code System.exit}.
 */
final class KernelExecutionControl extends LocalExecutionControl {
    private static final Method CAPTURE;
    private static final long GRACE_NANOS = 1_000_000_000L;
    // code that promised to end cleanly on an interrupt (training) may take this long to wrap up before a forced stop
    private static final long POLITE_GRACE_NANOS = 30_000_000_000L;

    static {
        try {
            CAPTURE = ValueCapture.class.getMethod("invokeSnippet");
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final boolean guardExit;
    private final VariableHolders holders = new VariableHolders(this::findClass);

    /** @param guardExit rewrite System.exit and friends in cell code (the kernel); scripts may exit */
    KernelExecutionControl(boolean guardExit) {
        this.guardExit = guardExit;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.load(guardExit
                ? Arrays.stream(classes).map(c -> new ClassBytecodes(c.name(), ExitGuard.guard(c.bytecodes()))).toArray(ClassBytecodes[]::new)
                : classes);
        holders.loaded(Arrays.stream(classes).map(ClassBytecodes::name).toList());
    }

    /** Which loaded wrapper holds each cell variable, to carry values over when JShell replaces one. */
    VariableHolders holders() {
        return holders;
    }

    @Override
    protected String invoke(Method snippetMethod) throws Exception {
        ValueCapture.PENDING.set(snippetMethod);
        ValueCapture.VALUE.set(null);
        return super.invoke(CAPTURE);
    }

    /**
     * Stops the running cell: first politely, with {@link Thread#interrupt()} (sleeps and waits end, the DSL's
     * training loop stops after its batch with the weights intact), then, if the cell is still running after a
     * grace period, with JShell's own stop (ThreadGroup.stop on Java 17, stop checks woven into cell code on 21+),
     * which also ends busy loops that never look at the interrupt flag. A cell inside code that answers interrupts
     * itself ({@link PoliteInterrupts}: training) gets longer, so its wrapping up (the last display, the History
     * chart) is not cut short on a loaded machine.
     */
    @Override
    public void stop() throws EngineTerminationException, InternalException {
        Thread cell = ValueCapture.RUNNING.get();
        if (cell != null) {
            cell.interrupt();
            long started = System.nanoTime();
            while (ValueCapture.RUNNING.get() == cell) {
                long waited = System.nanoTime() - started;
                if (waited >= POLITE_GRACE_NANOS || (waited >= GRACE_NANOS && !PoliteInterrupts.answeredBy(cell))) {
                    break;
                }
                LockSupport.parkNanos(5_000_000L);
            }
            if (ValueCapture.RUNNING.get() != cell) {
                return;
            }
        }
        super.stop();
    }

    /** The raw value of the snippet that ran last (null for statements and declarations without value). */
    Object lastValue() {
        return ValueCapture.VALUE.get();
    }

    /**
     * JShell invokes a static no-argument method on its snippet thread, so the snippet to run and its value travel
     * through static slots. One JShell runs per kernel and cells run one at a time.
     */
    public static final class ValueCapture {
        static final AtomicReference<Method> PENDING = new AtomicReference<>();
        static final AtomicReference<Object> VALUE = new AtomicReference<>();
        static final AtomicReference<Thread> RUNNING = new AtomicReference<>();

        private ValueCapture() {
        }

        public static Object invokeSnippet() throws Throwable {
            Method snippet = PENDING.getAndSet(null);
            Thread current = Thread.currentThread();
            RUNNING.set(current);
            // the loader of cell code (it sees %maven and %classpath jars) is the context loader too: libraries that
            // look for ServiceLoader providers or resources through it find those in added jars
            ClassLoader previous = current.getContextClassLoader();
            current.setContextClassLoader(snippet.getDeclaringClass().getClassLoader());
            try {
                Object value = snippet.invoke(null);
                VALUE.set(value);
                return value;
            } catch (InvocationTargetException e) {
                // rethrow the user's own exception so JShell reports it as if it had called the snippet itself
                throw e.getCause();
            } finally {
                current.setContextClassLoader(previous);
                RUNNING.set(null);
            }
        }
    }
}
