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

    /** A DecimalFormat pattern for values from {@code min} to {@code max}. */
    static String pattern(double min, double max) {
        double spread = Math.abs(max - min);
        if (!(spread > 0) || !Double.isFinite(spread)) {
            spread = Math.abs(max) > 0 && Double.isFinite(max) ? Math.abs(max) / 10 : 1;
        }
        int decimals = (int) Math.max(0, Math.min(8, 2 - Math.floor(Math.log10(spread))));
        return decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals);
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
