package dev.djinn.magics.plot;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Readable axis labels: as many decimals as the data's spread needs for about three significant digits between
 * ticks (a loss between 0.56 and 0.57 gets "0.563", a count up to 60,000 gets "60,000"), never a raw double.
 */
final class Ticks {
    /** Bars' labels at most every this many pixels, so that they stand upright without touching. */
    static final int PIXELS_PER_LABEL = 60;

    private Ticks() {
    }

    /**
     * A DecimalFormat pattern for values from {@code min} to {@code max}: the decimals of a round tick step about a
     * tenth of the range (a loss from 0.25 to 1.15 gets "0.9", not "0.900"; one from 0.563 to 0.564 gets "0.5632").
     */
    static String pattern(double min, double max) {
        double spread = Math.abs(max - min);
        if (!(spread > 0) || !Double.isFinite(spread)) {
            spread = Math.abs(max) > 0 && Double.isFinite(max) ? Math.abs(max) / 10 : 1;
        }
        return decimalsPattern(roundStep(spread / 10));
    }

    /** The pattern that writes multiples of {@code step} exactly: "#,##0.00" for 0.05. */
    static String decimalsPattern(double step) {
        int decimals = (int) Math.max(0, Math.min(8, Math.ceil(-Math.log10(step) - 1e-9)));
        if (decimals > 0 && Math.abs(Math.round(step * Math.pow(10, decimals - 1)) - step * Math.pow(10, decimals - 1)) < 1e-9) {
            decimals--; // 0.1 needs one decimal, 0.05 two, 0.2 one
        }
        return decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals);
    }

    /** The round number (1, 2 or 5 × 10^k) nearest to {@code step}. */
    static double roundStep(double step) {
        double power = Math.pow(10, Math.floor(Math.log10(step)));
        double mantissa = step / power;
        return (mantissa < 1.5 ? 1 : mantissa < 3.5 ? 2 : mantissa < 7.5 ? 5 : 10) * power;
    }

    /** How many bins of {@code width} one label spans so that labels are round and at most {@code maxLabels}. */
    static int labelEvery(double width, int bins, int maxLabels) {
        for (int every = 1; every <= bins; every++) {
            double step = every * width;
            // labels on the first bar, every k-th, and the last (one more bar may be added to land on it)
            if (Math.abs(roundStep(step) - step) < 1e-9 * step && (bins + every - 1) / every + 1 <= maxLabels) {
                return every;
            }
        }
        return bins;
    }

    /** The pattern for these values (the finite ones; a one-bin histogram is their range). */
    static String pattern(double[] values) {
        Histogram range = Histogram.of(values, 1);
        return range.counts()[0] == 0 ? "#,##0" : pattern(range.min(), range.max());
    }

    /** {@code value} written with {@code pattern}, the same in every locale. */
    static String format(double value, String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }
}
