package dev.djinn.magics.everyday;
import java.math.BigDecimal;
import java.math.MathContext;

/** Durations as IPython prints them: "812 ns", "3.41 µs", "12.3 ms", "1.52 s", "2min 3s". */
final class Durations {
    private Durations() {
    }

    static String format(double nanos) {
        if (nanos < 1) {
            // three significant digits without an exponent: "0.00463 ns"
            return new BigDecimal(nanos).round(new MathContext(3)).toPlainString() + " ns";
        }
        if (nanos < 1e3) {
            return String.format("%.3g ns", nanos);
        }
        if (nanos < 1e6) {
            return String.format("%.3g µs", nanos / 1e3);
        }
        if (nanos < 1e9) {
            return String.format("%.3g ms", nanos / 1e6);
        }
        if (nanos < 60e9) {
            return String.format("%.3g s", nanos / 1e9);
        }
        long seconds = Math.round(nanos / 1e9);
        return seconds / 60 + "min " + seconds % 60 + "s";
    }
}
