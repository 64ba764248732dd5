package dev.djinn.magics.plot;

/** Counts of finite values in equal-width bins between their minimum and maximum. */
public record Histogram(double min, double max, long[] counts) {
    public static Histogram of(double[] values, int bins) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        long[] counts = new long[bins];
        if (min > max) {
            return new Histogram(0, 0, counts);
        }
        double width = max > min ? (max - min) / bins : 1;
        for (double v : values) {
            if (Double.isFinite(v)) {
                counts[Math.min(bins - 1, (int) ((v - min) / width))]++;
            }
        }
        return new Histogram(min, max, counts);
    }

    public double binStart(int bin) {
        return min + (max - min) * bin / counts.length;
    }

    /** The counts as one line of block characters. */
    public String sparkline() {
        return UnicodeChart.sparkline(counts);
    }
}
