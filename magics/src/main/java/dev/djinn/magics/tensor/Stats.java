package dev.djinn.magics.tensor;

/** Summary statistics of an array's values: NaN and infinities counted apart, the rest over finite values. */
public record Stats(long count, long finite, long nans, long infinities, long zeros, double min, double max, double mean, double std) {
    public static Stats of(double[] values) {
        long nans = 0;
        long infinities = 0;
        long zeros = 0;
        long finite = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                nans++;
            } else if (Double.isInfinite(v)) {
                infinities++;
            } else {
                finite++;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (v == 0) {
                    zeros++;
                }
            }
        }
        double mean = finite == 0 ? Double.NaN : sum / finite;
        double squares = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        double std = finite == 0 ? Double.NaN : Math.sqrt(squares / finite);
        return new Stats(values.length, finite, nans, infinities, zeros, finite == 0 ? Double.NaN : min,
                finite == 0 ? Double.NaN : max, mean, std);
    }

    public double zeroShare() {
        return count == 0 ? 0 : (double) zeros / count;
    }

    /** Whether any value is NaN or infinite. */
    public boolean hasNonFinite() {
        return nans > 0 || infinities > 0;
    }

    /** "⚠ 3 NaN and 1 infinite values", or empty. */
    public String warning() {
        return hasNonFinite() ? "⚠ " + nans + " NaN and " + infinities + " infinite value" + (infinities == 1 ? "" : "s") : "";
    }
}
