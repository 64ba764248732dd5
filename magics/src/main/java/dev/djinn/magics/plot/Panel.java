package dev.djinn.magics.plot;

import java.util.List;

/**
 * One chart's data, independent of how it is drawn: XChart draws it as PNG or SVG, {@link UnicodeChart} as text.
 * Line and scatter panels have numeric x; bar panels have category labels; heatmaps have a matrix.
 */
public record Panel(String title, Kind kind, String xLabel, String yLabel, List<Series> series, List<String> categories,
                    double[][] matrix, int labelEvery) {
    /** @param labelEvery bar panels: label every k-th bar (a histogram's round values); 0 lets the chart choose */
    public Panel(String title, Kind kind, String xLabel, String yLabel, List<Series> series, List<String> categories,
                 double[][] matrix) {
        this(title, kind, xLabel, yLabel, series, categories, matrix, 0);
    }

    /** How the data is drawn. */
    public enum Kind { LINE, SCATTER, BAR, HEATMAP }

    /** One named line, set of points or set of bars. */
    public record Series(String name, double[] x, double[] y) {
    }

    public static Panel xy(String title, Kind kind, String xLabel, String yLabel, List<Series> series) {
        return new Panel(title, kind, xLabel, yLabel, series, List.of(), null);
    }

    public static Panel bars(String title, String xLabel, String yLabel, List<String> categories, double[] heights) {
        return bars(title, xLabel, yLabel, categories, heights, 0);
    }

    public static Panel bars(String title, String xLabel, String yLabel, List<String> categories, double[] heights, int labelEvery) {
        double[] x = new double[heights.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return new Panel(title, Kind.BAR, xLabel, yLabel, List.of(new Series(yLabel, x, heights)), categories, null, labelEvery);
    }

    public static Panel heatmap(String title, double[][] matrix) {
        return new Panel(title, Kind.HEATMAP, "column", "row", List.of(), List.of(), matrix);
    }
}
