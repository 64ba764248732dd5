package dev.djinn.magics.plot;

import dev.djinn.magics.mime.MimeBundle;
import dev.djinn.magics.mime.Rich;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One or more charts drawn in the JVM with XChart: {@code image/png} (and {@code image/svg+xml} when asked) in
 * notebooks, which works offline, in nbconvert and in every front end; a Unicode drawing as {@code text/plain}.
 * Several panels (a History's loss and accuracy) sit side by side, two to a row.
 */
public final class Chart implements Rich {
    private static final int COLUMNS = 2;

    private final List<Panel> panels;
    private final int width;
    private final int height;
    private final boolean withSvg;

    public Chart(List<Panel> panels, int width, int height, boolean withSvg) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one panel");
        }
        this.panels = List.copyOf(panels);
        this.width = width;
        this.height = height;
        this.withSvg = withSvg;
    }

    public List<Panel> panels() {
        return panels;
    }

    /** The same chart at another size per panel, in pixels. */
    public Chart size(int panelWidth, int panelHeight) {
        return new Chart(panels, panelWidth, panelHeight, withSvg);
    }

    /** The same chart, also offering SVG in notebooks. */
    public Chart withSvg() {
        return new Chart(panels, width, height, true);
    }

    /** The chart as a PNG image. */
    public byte[] png() {
        List<org.knowm.xchart.internal.chartpart.Chart<?, ?>> charts = panels.stream().map(this::draw).collect(Collectors.toList());
        try {
            if (charts.size() == 1) {
                return BitmapEncoder.getBitmapBytes(charts.get(0), BitmapEncoder.BitmapFormat.PNG);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int columns = Math.min(COLUMNS, charts.size());
            int rows = (charts.size() + columns - 1) / columns;
            List<org.knowm.xchart.internal.chartpart.Chart<?, ?>> grid = new ArrayList<>(charts);
            while (grid.size() < rows * columns) {
                grid.add(blank());
            }
            BitmapEncoder.saveBitmap(grid, rows, columns, out, BitmapEncoder.BitmapFormat.PNG);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chart as an SVG document (panels side by side, two to a row). */
    public String svg() {
        int columns = Math.min(COLUMNS, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        StringBuilder svg = new StringBuilder(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">",
                width * columns, height * rows));
        for (int i = 0; i < panels.size(); i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                VectorGraphicsEncoder.saveVectorGraphic(draw(panels.get(i)), out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String one = out.toString(StandardCharsets.UTF_8);
            one = one.substring(one.indexOf("<svg"));
            // each panel is an SVG of its own, placed in its cell of the grid
            svg.append(one.replaceFirst("<svg", String.format("<svg x=\"%d\" y=\"%d\"", (i % columns) * width, (i / columns) * height)));
        }
        return svg.append("</svg>").toString();
    }

    /** Writes the chart to {@code file}: SVG when it ends in .svg, PNG otherwise. */
    public Path save(Path file) {
        try {
            if (file.toString().toLowerCase().endsWith(".svg")) {
                Files.writeString(file, svg());
            } else {
                Files.write(file, png());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the chart to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the chart to the file of this name: {@code plot(h).save("loss.png")}. */
    public Path save(String file) {
        return save(Path.of(file));
    }

    @Override
    public MimeBundle toMimeBundle() {
        MimeBundle bundle = MimeBundle.png(png(), toString());
        return withSvg ? bundle.with(MimeBundle.SVG, svg()) : bundle;
    }

    /** The Unicode drawing of every panel. */
    @Override
    public String toString() {
        return panels.stream().map(UnicodeChart::draw).collect(Collectors.joining("\n"));
    }

    private org.knowm.xchart.internal.chartpart.Chart<?, ?> draw(Panel panel) {
        switch (panel.kind()) {
            case HEATMAP:
                return heatmap(panel);
            case BAR:
                return bars(panel);
            default:
                return xy(panel);
        }
    }

    private XYChart xy(Panel panel) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(panel.title())
                .xAxisTitle(panel.xLabel()).yAxisTitle(panel.yLabel()).build();
        chart.getStyler().setLegendVisible(panel.series().size() > 1);
        chart.getStyler().setDefaultSeriesRenderStyle(panel.kind() == Panel.Kind.SCATTER
                ? XYSeries.XYSeriesRenderStyle.Scatter : XYSeries.XYSeriesRenderStyle.Line);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (Panel.Series series : panel.series()) {
            double[][] finite = finite(series.x(), series.y());
            if (finite[0].length == 0) {
                continue;
            }
            for (int i = 0; i < finite[0].length; i++) {
                xs.add(finite[0][i]);
                ys.add(finite[1][i]);
            }
            XYSeries drawn = chart.addSeries(series.name().isEmpty() ? " " : series.name(), finite[0], finite[1]);
            if (panel.kind() == Panel.Kind.LINE && finite[0].length > 50) {
                drawn.setMarker(SeriesMarkers.NONE);
            }
        }
        double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
        boolean whole = xs.stream().allMatch(v -> v == Math.rint(v));
        chart.getStyler().setXAxisDecimalPattern(whole ? "#,##0" : Ticks.pattern(x));
        chart.getStyler().setYAxisDecimalPattern(Ticks.pattern(ys.stream().mapToDouble(Double::doubleValue).toArray()));
        return chart;
    }

    private static double[][] finite(double[] x, double[] y) {
        int count = 0;
        for (double v : y) {
            count += Double.isFinite(v) ? 1 : 0;
        }
        double[][] kept = new double[2][count];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i])) {
                kept[0][k] = x[i];
                kept[1][k++] = y[i];
            }
        }
        return kept;
    }

    private CategoryChart bars(Panel panel) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(panel.title())
                .xAxisTitle(panel.xLabel()).yAxisTitle(panel.yLabel()).build();
        chart.getStyler().setLegendVisible(false);
        List<Double> heights = new ArrayList<>();
        for (double h : panel.series().get(0).y()) {
            heights.add(h);
        }
        chart.addSeries(panel.yLabel().isEmpty() ? " " : panel.yLabel(), panel.categories(), heights);
        // numbers (a histogram's bins) stay upright, every k-th one labelled; many long names are turned
        boolean numbers = panel.categories().stream().allMatch(label -> label.isBlank() || label.strip().matches("-?[\\d,]*\\.?\\d+(E-?\\d+)?"));
        chart.getStyler().setXAxisLabelRotation(!numbers && panel.categories().size() > 8 ? 90 : 0);
        // a histogram names only its labelled bars: XChart must not thin its labels (it would spread the ones it
        // keeps evenly, whatever bars they belong to)
        chart.getStyler().setXAxisMaxLabelCount(panel.labelEvery() > 0 ? Math.max(2, panel.categories().size()) // XChart refuses 1
                : Math.max(2, width / Ticks.PIXELS_PER_LABEL));
        chart.getStyler().setYAxisDecimalPattern(Ticks.pattern(panel.series().get(0).y()));
        return chart;
    }

    /** How a heatmap writes its cells: whole numbers as such, others with the decimals of a round step of their range. */
    static String cellPattern(double[][] matrix) {
        double[] values = Arrays.stream(matrix).flatMapToDouble(Arrays::stream).filter(Double::isFinite).toArray();
        boolean whole = Arrays.stream(values).allMatch(v -> v == Math.rint(v));
        return whole ? "#,##0" : Ticks.pattern(values);
    }

    private HeatMapChart heatmap(Panel panel) {
        double[][] matrix = panel.matrix();
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(panel.title()).build();
        int rows = matrix.length;
        int cols = matrix[0].length;
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            xs.add(c);
        }
        for (int r = 0; r < rows; r++) {
            ys.add(rows - 1 - r); // row 0 at the top, as a matrix is read
        }
        List<Number[]> cells = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                cells.add(new Number[] {c, rows - 1 - r, Double.isFinite(matrix[r][c]) ? matrix[r][c] : 0});
            }
        }
        chart.getStyler().setShowValue(rows * cols <= 144);
        chart.getStyler().setHeatMapValueDecimalPattern(cellPattern(matrix)); // XChart 3.8 writes cells with this one
        chart.getStyler().setLegendVisible(rows * cols > 144);
        chart.addSeries(panel.title().isEmpty() ? " " : panel.title(), xs, ys, cells);
        return chart;
    }

    private XYChart blank() {
        XYChart chart = new XYChartBuilder().width(width).height(height).build();
        chart.getStyler().setChartTitleVisible(false);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setAxisTicksVisible(false);
        chart.getStyler().setPlotBorderVisible(false);
        chart.getStyler().setPlotGridLinesVisible(false);
        return chart;
    }
}
