package dev.djinn.magics;

import dev.djinn.magics.mime.MimeBundle;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.train.EpochRecord;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.MagicRegistry;
import dev.djinn.magics.plot.Chart;
import dev.djinn.magics.tensor.ParameterReport;
import dev.djinn.dsl.model.Summary;
import dev.djinn.magics.display.DisplayForms;
import dev.djinn.magics.tensor.TensorReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.djinn.Djinn.data;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.concat;
import static dev.djinn.Djinn.input;
import static dev.djinn.Djinn.progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotAndTensorTest {
    private static NDManager manager;
    private final MagicRegistry registry = DjinnMagics.registry();

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static History history() {
        History history = new History();
        for (int e = 1; e <= 4; e++) {
            history.add(new EpochRecord(e, 1.0 / e, Map.of("accuracy", 0.5 + e / 10.0), 1.2 / e, Map.of("accuracy", 0.45 + e / 10.0),
                    1e-3, 1.0, 1000));
        }
        return history;
    }

    private Object run(String line, PlainSession session) {
        int space = line.indexOf(' ');
        return registry.run(new MagicCall(line.substring(1, space < 0 ? line.length() : space), space < 0 ? "" : line.substring(space + 1), null), session);
    }

    @Test
    void aHistoryPlotsLossAndEachMetricSideBySide() {
        Chart chart = (Chart) run("%plot h", new PlainSession().with("h", history()));
        assertEquals(2, chart.panels().size(), "loss and accuracy");
        BufferedImage png = Pngs.decode(chart.png());
        assertEquals(2 * 560, png.getWidth());
        assertEquals(380, png.getHeight());
        assertTrue(Pngs.colours(png) > 10, "something is drawn");
        String text = chart.toString();
        assertTrue(text.startsWith("loss\n 1.200 │○"), text);
        assertTrue(text.contains("● train   ○ validation"), text);
        assertTrue(text.contains("accuracy"), text);
        Chart resized = (Chart) run("%plot h --size 300x200 --svg --title Run", new PlainSession().with("h", history()));
        assertEquals(600, Pngs.decode(resized.png()).getWidth());
        MimeBundle bundle = resized.toMimeBundle();
        assertTrue(bundle.has(MimeBundle.SVG) && new String(bundle.bytes(MimeBundle.SVG)).startsWith("<svg"), "SVG with --svg");
        assertTrue(resized.toString().startsWith("Run: loss"), resized.toString());
    }

    @Test
    void tableColumnsPlotAsLinesScatterBarsAndHistograms() {
        Table table = Table.create("t", DoubleColumn.create("x", 1, 2, 3, 4, 5), DoubleColumn.create("y", 2, 4, 6, 8, 10),
                StringColumn.create("name", "a", "b", "c", "d", "e"));
        PlainSession session = new PlainSession().with("t", table);
        for (String kind : List.of("line", "scatter")) {
            Chart chart = (Chart) run("%plot t x y --kind " + kind, session);
            assertEquals(560, Pngs.decode(chart.png()).getWidth());
            assertTrue(chart.toString().startsWith("y by x\n10 │"), chart.toString());
        }
        Chart bars = (Chart) run("%plot t name y --kind bar", session);
        assertTrue(bars.toString().contains("e │" + "█".repeat(40) + " 10"), bars.toString());
        Chart histogram = (Chart) run("%plot t y --kind hist", session);
        assertTrue(histogram.toString().contains("│"), histogram.toString());
        Pngs.decode(bars.png());
        Pngs.decode(histogram.png());
        assertTrue(assertThrows(MagicException.class, () -> run("%plot t name y", session)).getMessage()
                .startsWith("Column \"name\" holds string values; a line (x) chart needs numbers there."));
        assertTrue(assertThrows(MagicException.class, () -> run("%plot t x nope", session)).getMessage()
                .startsWith("The table has no column \"nope\"; it has [x, y, name]."));
        assertTrue(assertThrows(MagicException.class, () -> run("%plot t x y --kind pie", session)).getMessage()
                .startsWith("--kind pie is not a chart kind"));
    }

    @Test
    void arraysPlotAsLinesAndHeatmapsAndChartsSave() throws Exception {
        PlainSession session = new PlainSession().with("line", new float[] {3, 1, 4, 1, 5}).with("grid", manager.arange(12f).reshape(3, 4));
        Chart line = (Chart) run("%plot line", session);
        assertTrue(line.toString().startsWith("line\n5 │"), line.toString());
        Chart heatmap = (Chart) run("%plot grid", session);
        assertTrue(heatmap.toString().contains("3 × 4, from 0 (' ') to 11 ('█')"), heatmap.toString());
        Path png = heatmap.save(dir.resolve("grid.png"));
        assertEquals(560, Pngs.decode(Files.readAllBytes(png)).getWidth());
        Path svg = heatmap.save(dir.resolve("grid.svg").toString());
        assertTrue(Files.readString(svg).contains("<svg"));
        assertTrue(assertThrows(MagicException.class, () -> run("%plot missing", session)).getMessage().startsWith("There is no variable missing."));
    }

    @Test
    void anImageBatchShowsStatisticsAndItsFirstSixteenImagesWithLabels() {
        NDArray batch = manager.randomUniform(0, 1, new Shape(20, 1, 12, 12));
        PlainSession session = new PlainSession().with("x", batch).with("y", new int[] {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4});
        TensorReport report = (TensorReport) run("%tensor x y", session);
        assertTrue(report.isImages());
        String text = report.toString();
        assertTrue(text.startsWith("x  shape (20, 1, 12, 12)  float32  cpu()  (2880 values)"), text);
        assertTrue(text.contains("images 1–16 of 20, captioned with their labels"), text);
        BufferedImage grid = Pngs.decode(report.picture());
        assertEquals(8 * (12 * 7 + 4), grid.getWidth(), "8 images a row, scaled 7×");
        assertEquals(2 * (12 * 7 + 4 + 16), grid.getHeight(), "two rows with captions");
        MimeBundle bundle = report.toMimeBundle();
        assertTrue(new String(bundle.bytes(MimeBundle.HTML)).contains("data:image/png;base64,"));
        assertEquals(0.5, report.stats().mean(), 0.05);
    }

    @Test
    void largeTensorsShowStatisticsAndSmallOnesTheirValuesNeverDjlsOverflowNote() {
        NDArray large = manager.arange(10_000f);
        String largeText = ((TensorReport) run("%tensor big", new PlainSession().with("big", large))).toString();
        String images = ((TensorReport) run("%tensor x", new PlainSession().with("x", manager.zeros(new Shape(16, 28, 28))))).toString();
        for (String text : java.util.List.of(largeText, images)) {
            assertTrue(!text.contains("Exceed max print size") && !text.contains("more}"), text);
        }
        TensorReport small = (TensorReport) run("%tensor m", new PlainSession().with("m", manager.create(new float[][] {{1.5f, 2}, {3, 4}})));
        assertTrue(small.toString().contains("1.5") && small.toString().contains("4."), small.toString());
        assertTrue(new String(small.toMimeBundle().bytes(MimeBundle.HTML)).contains("<pre>"));
    }

    @Test
    void nanAndInfinityAreFlaggedLoudly() {
        float[] values = {1, Float.NaN, 0, Float.POSITIVE_INFINITY, 2, 0};
        TensorReport report = (TensorReport) run("%tensor v", new PlainSession().with("v", values));
        assertEquals(1, report.stats().nans());
        assertEquals(1, report.stats().infinities());
        assertEquals(0.75, report.stats().mean(), 1e-9, "over the finite values 1, 0, 2, 0");
        assertTrue(report.toString().contains("⚠ 1 NaN and 1 infinite value !!"), report.toString());
        assertTrue(report.toString().contains("zeros 33.3%"), report.toString());
        assertTrue(new String(report.toMimeBundle().bytes(MimeBundle.HTML)).contains("color:#c00"));
    }

    @Test
    void aModelShowsEveryParameterWithGradientNorms() {
        try (Model net = model().dense(4).relu().dense(2)) {
            net.train(data(new float[][] {{0, 1}, {1, 0}, {1, 1}, {0, 0}}, new int[] {0, 1, 1, 0}), epochs(2), progress(ProgressListener.NONE));
            ParameterReport report = (ParameterReport) run("%tensor net", new PlainSession().with("net", net));
            assertEquals(4, report.rows().size(), "two weights, two biases");
            assertEquals(2 * 4 + 4 + 4 * 2 + 2, report.totalParameters());
            assertTrue(report.rows().stream().allMatch(r -> Double.isFinite(r.gradientNorm())), "gradients of the last step");
            String text = report.toString();
            assertTrue(text.startsWith("net: 4 parameters, 22 values\nname"), text);
            assertTrue(text.contains("(4, 2)") && text.contains("float32") && text.contains("cpu()"), text);
        }
    }

    @Test
    void aGraphModelShowsItsSharedLayerOnce() {
        var encoder = model().dense(3);
        var a = input("a", 2);
        var b = input("b", 2);
        try (Model net = model(List.of(a, b), concat(encoder.on(a), encoder.on(b)).dense(2))) {
            net.train(data(new float[][] {{0, 1, 1, 0}, {1, 0, 0, 1}}, new int[] {0, 1}), epochs(1), progress(ProgressListener.NONE));
            ParameterReport report = (ParameterReport) run("%tensor net", new PlainSession().with("net", net));
            assertEquals(4, report.rows().size(), "the shared dense's weight and bias once, then the head's");
            assertEquals(2 * 3 + 3 + 6 * 2 + 2, report.totalParameters());
            String html = new String(DisplayForms.all().get(Summary.class).apply(net.summary()).bytes(MimeBundle.HTML));
            assertTrue(html.contains("<th style=\"text-align:left\">from</th>") && html.contains("<td style=\"text-align:left\">#3, #4</td>"), html);
        }
    }
}
