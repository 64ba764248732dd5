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

    /**
     * Bins of {@code width} (a round number) from a multiple of {@code every × width}, their count one more than a
     * multiple of {@code every}: every {@code every}-th edge is a round number too, the last bin's among them (a
     * chart spreads its labels from the first bar to the last).
     */
    public static Histogram rounded(double[] values, int every, double width) {
        Histogram range = of(values, 1);
        double start = Math.floor(range.min() / (width * every)) * width * every;
        int bins = Math.max(1, (int) Math.floor((range.max() - start) / width + 1e-9) + 1);
        bins = (bins - 1 + every - 1) / every * every + 1;
        long[] counts = new long[bins];
        for (double v : values) {
            if (Double.isFinite(v)) {
                // clamped: a value a rounding error below the first edge is in the first bin
                counts[Math.max(0, Math.min(bins - 1, (int) Math.floor((v - start) / width + 1e-9)))]++;
            }
        }
        return new Histogram(start, start + bins * width, counts);
    }

    public double binStart(int bin) {
        return min + (max - min) * bin / counts.length;
    }

    /** The counts as one line of block characters. */
    public String sparkline() {
        return UnicodeChart.sparkline(counts);
    }
}
