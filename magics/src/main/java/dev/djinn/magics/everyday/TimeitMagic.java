package dev.djinn.magics.everyday;

import dev.djinn.magics.mime.MimeBundle;
import dev.djinn.magics.mime.Rich;
import dev.djinn.magics.dispatch.Arguments;
import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code %timeit [-n N] [-r R] code} and {@code %%timeit}: compiles the code once (as a lambda, so compiling is not
 * timed), picks a loop count that runs at least 0.2 s (1, 10, 100, …) unless {@code -n} is given, repeats {@code r}
 * times (7) and reports mean ± standard deviation per loop, as IPython does.
 */
public final class TimeitMagic extends BaseMagic {
    private static final double TARGET_SECONDS = 0.2;
    private static final Pattern OPTION = Pattern.compile("-([nr])\\s+(\\S+)\\s*");

    static {
        // The timing loop's call site sees several receiver types before any user code, so the JIT does not inline
        // the timed code into the loop and fold its iterations away (a counter++ would otherwise "take" 0.005 ns).
        List<Callable<?>> kinds = List.of(() -> 1, () -> 2L, () -> "3", () -> 4.0);
        for (int i = 0; i < 20_000; i++) {
            for (Callable<?> kind : kinds) {
                time(kind, 1);
            }
        }
    }

    public TimeitMagic() {
        super("%timeit [-n loops] [-r repeats] statement-or-expression | %%timeit [-n loops] [-r repeats] (then the cell's code)",
                "time code over many loops: mean ± std. dev. of several runs", true, "timeit");
    }

    @Override
    public Object run(MagicCall call, Session session) {
        String rest = call.args().strip();
        String loopsOption = null;
        String repeatsOption = "7";
        Matcher option;
        while ((option = OPTION.matcher(rest)).lookingAt()) {
            if (option.group(1).equals("n")) {
                loopsOption = option.group(2);
            } else {
                repeatsOption = option.group(2);
            }
            rest = rest.substring(option.end());
        }
        if (call.isCellMagic() && !rest.isBlank()) {
            throw new MagicException("%%timeit takes only -n and -r on its line; the code goes below it, not \"" + rest + "\".");
        }
        String code = call.isCellMagic() ? call.body() : rest;
        if (code.isBlank()) {
            throw new MagicException("Give the code to time.");
        }
        int repeats = Arguments.count(repeatsOption, "-r");
        Callable<?> body = compile(code, session);
        long loops;
        if (loopsOption != null) {
            loops = Arguments.count(loopsOption, "-n");
        } else {
            loops = 1;
            while (time(body, loops) / 1e9 < TARGET_SECONDS && loops < 1_000_000_000L) {
                loops *= 10;
            }
        }
        double[] perLoop = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            perLoop[r] = (double) time(body, loops) / loops;
        }
        return new Result(perLoop, loops);
    }

    /** The code as a lambda made once: an expression as a Callable, statements as a Runnable. */
    private static Callable<?> compile(String code, Session session) {
        String trimmed = code.strip();
        if (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (!trimmed.contains("\n") && !trimmed.contains(";")) {
            try {
                Object expression = session.eval("(java.util.concurrent.Callable<Object>) () -> (" + trimmed + ")"); // JShell code: named in full
                if (expression instanceof Callable) {
                    return (Callable<?>) expression;
                }
            } catch (RuntimeException notAnExpression) {
                // a statement such as list.add(1) or x++: run it as one
            }
        }
        Object statements = session.eval("(Runnable) () -> {\n" + code + "\n;}");
        if (!(statements instanceof Runnable)) {
            throw new MagicException("Could not turn the code into something to run repeatedly.");
        }
        Runnable runnable = (Runnable) statements;
        return () -> {
            runnable.run();
            return null;
        };
    }

    private static long time(Callable<?> body, long loops) {
        long started = System.nanoTime();
        try {
            for (long i = 0; i < loops; i++) {
                body.call();
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
        return System.nanoTime() - started;
    }

    /** The timings: seconds per loop of each run. */
    public static final class Result implements Rich {
        private final double[] nanosPerLoop;
        private final long loops;

        Result(double[] nanosPerLoop, long loops) {
            this.nanosPerLoop = nanosPerLoop;
            this.loops = loops;
        }

        public double meanNanos() {
            double sum = 0;
            for (double v : nanosPerLoop) {
                sum += v;
            }
            return sum / nanosPerLoop.length;
        }

        public double stdNanos() {
            double mean = meanNanos();
            double squares = 0;
            for (double v : nanosPerLoop) {
                squares += (v - mean) * (v - mean);
            }
            return nanosPerLoop.length > 1 ? Math.sqrt(squares / (nanosPerLoop.length - 1)) : 0;
        }

        public double bestNanos() {
            double best = Double.POSITIVE_INFINITY;
            for (double v : nanosPerLoop) {
                best = Math.min(best, v);
            }
            return best;
        }

        public long loops() {
            return loops;
        }

        public int runs() {
            return nanosPerLoop.length;
        }

        @Override
        public MimeBundle toMimeBundle() {
            return MimeBundle.text(toString());
        }

        @Override
        public String toString() {
            return String.format("%s ± %s per loop (mean ± std. dev. of %d run%s, %,d loop%s each; best %s)",
                    Durations.format(meanNanos()), Durations.format(stdNanos()), runs(), runs() == 1 ? "" : "s", loops,
                    loops == 1 ? "" : "s", Durations.format(bestNanos()));
        }
    }
}
