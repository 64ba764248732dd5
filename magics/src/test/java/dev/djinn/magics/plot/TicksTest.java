package dev.djinn.magics.plot;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TicksTest {
    @Test
    void aSingleEpochsLossGetsAFewDecimalsNotARawDouble() {
        String pattern = Ticks.pattern(0.563173306435347, 0.563173306435347);
        assertEquals("0.563", Ticks.format(0.563173306435347, pattern));
    }

    @Test
    void theSpreadDecidesTheDecimals() {
        assertEquals("0.6", Ticks.format(0.5631733, Ticks.pattern(0.2, 1.3)));
        assertEquals("0.5632", Ticks.format(0.5631733, Ticks.pattern(0.563, 0.564)));
        assertEquals("60,000", Ticks.format(60000, Ticks.pattern(0, 60000)));
        assertEquals("0.0012", Ticks.format(0.00123456, Ticks.pattern(new double[] {0.001, 0.002, Double.NaN})));
        assertEquals("#,##0", Ticks.pattern(new double[] {Double.NaN}));
    }

    @Test
    void histogramBinsAreLabelledReadablyAndUpright() {
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i) * 0.0371;
        }
        Panel panel = Charts.histogram(values, "weights", "value");
        List<String> labels = panel.categories();
        assertEquals(4, panel.labelEvery(), "bins of 0.005, a label every 0.02");
        assertEquals(1, labels.size() % panel.labelEvery(), "the last bar is labelled too");
        assertTrue(IntStream.range(0, labels.size()).filter(i -> i % panel.labelEvery() != 0).allMatch(i -> labels.get(i).isBlank()));
        List<String> shown = IntStream.range(0, labels.size()).filter(i -> i % panel.labelEvery() == 0).mapToObj(labels::get).toList();
        assertEquals(List.of("-0.04", "-0.02", "0.00", "0.02", "0.04"), shown);
        assertEquals(labels.size(), labels.stream().distinct().count(), "each bar has its own name");
        assertEquals(values.length, (long) Arrays.stream(panel.series().get(0).y()).sum(), "every value counted once");
    }

    @Test
    void aHistogramOfPixelsFromZeroToOneIsLabelledInFifths() {
        double[] values = new double[5000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 101) / 100.0;
        }
        Panel panel = Charts.histogram(values, "pixels", "value");
        List<String> labels = panel.categories();
        List<String> shown = IntStream.range(0, labels.size()).filter(i -> i % panel.labelEvery() == 0).mapToObj(labels::get).toList();
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"), shown);
    }

    @Test
    void lineChartTicksGetTheDecimalsOfARoundStep() {
        assertEquals("0.9", Ticks.format(0.9, Ticks.pattern(0.25, 1.15)));
        assertEquals("0.75", Ticks.format(0.75, Ticks.pattern(0.69, 0.93)));
    }

    /** d2l-java shows manager.zeros(…) and comparisons as cell values: one value everywhere is one bar, drawn. */
    @Test
    void histogramsOfOneValueAndOfDenormalSpreadsAreDrawn() {
        for (double[] values : new double[][] {{0, 0, 0}, {1, 1}, {-1}, {1e-320, 2e-320, 0}, {Double.NaN, 5}}) {
            Panel panel = Charts.histogram(values, "values", "value");
            byte[] png = new Chart(List.of(panel), 480, 300, false).png();
            assertTrue(png.length > 1000, Arrays.toString(values));
            assertEquals(Arrays.stream(values).filter(Double::isFinite).count(), (long) Arrays.stream(panel.series().get(0).y()).sum());
        }
    }

    @Test
    void heatmapCellsShowFewDecimals() {
        double[][] grid = new double[8][8];
        for (int i = 0; i < 64; i++) {
            grid[i / 8][i % 8] = Math.sin(i);
        }
        var chart = new Chart(List.of(Panel.heatmap("grid", grid)), 480, 300, false);
        assertTrue(chart.png().length > 1000);
        assertEquals("0.8", Ticks.format(Math.sin(1), Chart.cellPattern(grid)), "not 0.8414709848078965");
        assertEquals("3", Ticks.format(3.0, Chart.cellPattern(new double[][] {{0, 1, 2}, {3, 4, 5}})));
    }
}
