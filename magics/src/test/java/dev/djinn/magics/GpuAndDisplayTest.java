package dev.djinn.magics;

import dev.djinn.magics.mime.MimeBundle;
import ai.djl.Device;
import dev.djinn.dsl.device.Devices;
import dev.djinn.dsl.device.EngineThreads;
import dev.djinn.dsl.evaluate.ClassifierEvaluation;
import dev.djinn.dsl.evaluate.Evaluation;
import dev.djinn.dsl.train.BatchProgress;
import dev.djinn.dsl.train.History;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.display.DisplayForms;
import dev.djinn.magics.display.DisplaySink;
import dev.djinn.magics.display.NotebookProgress;
import dev.djinn.magics.gpu.GpuReport;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GpuAndDisplayTest {

    @Test
    void gpuNamesTheEngineTheDevicesAndWhyThereIsNoGpu() {
        var registry = DjinnMagics.registry();
        GpuReport report = (GpuReport) registry.run(new MagicCall("gpu", "", null), new PlainSession());
        String text = report.toString();
        assertTrue(text.startsWith("PyTorch 2.7.1 (CPU build), "), text);
        assertTrue(text.contains("intra-op and") && text.contains("  cpu()  "), text);
        assertTrue(text.contains("default: cpu()"), text);
        assertTrue(text.contains("No GPU is visible: PyTorch's CPU-only natives are installed"), text);
        MagicException missing = assertThrows(MagicException.class, () -> registry.run(new MagicCall("gpu", "0", null), new PlainSession()));
        assertTrue(missing.getMessage().startsWith("gpu(0) does not exist") && missing.getMessage().contains("Devices here: [cpu()]"), missing.getMessage());
        assertEquals(List.of(Device.cpu()), ((GpuReport) registry.run(new MagicCall("gpu", "cpu", null), new PlainSession())).defaults());
        assertEquals(List.of(Device.cpu()), Devices.defaults());
        assertTrue(registry.run(new MagicCall("gpu", "threads 2", null), new PlainSession()).toString().contains("2 intra-op"));
        assertTrue(EngineThreads.chosenByUser(), "a count the user chose is kept for training too");
        assertThrows(MagicException.class, () -> registry.run(new MagicCall("gpu", "threads lots", null), new PlainSession()));
        MagicException tooMany = assertThrows(MagicException.class, () -> registry.run(new MagicCall("gpu", "threads 99999999999", null), new PlainSession()));
        assertTrue(tooMany.getMessage().startsWith("%gpu threads takes a whole number of at least 1, not 99999999999."), tooMany.getMessage());
    }

    @Test
    void historyEvaluationAndTablesRenderRichAndPlain() {
        MimeBundle history = DisplayForms.all().get(History.class).apply(PlotAndTensorTest.history());
        assertTrue(history.has(MimeBundle.PNG) && new String(history.bytes(MimeBundle.HTML)).contains("<th>val_accuracy</th>"));
        assertTrue(history.toString().startsWith("epoch      loss  accuracy"), history.toString());

        Evaluation evaluation = new ClassifierEvaluation(List.of("cat", "dog"), new int[] {0, 1, 1, 0}, new int[] {0, 1, 0, 0}, 0.3);
        MimeBundle report = DisplayForms.all().get(Evaluation.class).apply(evaluation);
        assertTrue(new String(report.bytes(MimeBundle.HTML)).contains("<b>accuracy 0.7500</b>"));
        assertTrue(Pngs.decode(report.bytes(MimeBundle.PNG)).getWidth() > 100, "the confusion matrix image");
        assertEquals(evaluation.toString(), report.toString());

        Table big = Table.create("numbers", IntColumn.indexColumn("n", 100, 0));
        MimeBundle table = DisplayForms.all().get(Table.class).apply(big);
        String html = new String(table.bytes(MimeBundle.HTML));
        assertTrue(html.contains("100 rows × 1 columns") && html.contains("… 90 more rows") && html.contains("<small>integer</small>"), html);
        assertTrue(table.toString().contains("… 90 more rows"), table.toString());
    }

    @Test
    void liveProgressIsOneDisplayUpdatedAtMostFiveTimesASecond() throws InterruptedException {
        List<String> messages = new ArrayList<>();
        List<Object> shown = new ArrayList<>();
        NotebookProgress progress = new NotebookProgress(new DisplaySink() {
            @Override
            public void display(Object value, String displayId) {
                messages.add("display " + displayId);
                shown.add(value);
            }

            @Override
            public void update(String displayId, Object value) {
                messages.add("update " + displayId);
                shown.add(value);
            }
        });
        long started = System.nanoTime();
        for (int batch = 1; batch <= 300; batch++) {
            progress.onBatch(new BatchProgress(1, 1, batch * 10, 3000, 1.0 / batch, Map.of("accuracy", 0.5), 1000));
            Thread.sleep(2);
        }
        History history = new History();
        progress.onEnd(history);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(messages.get(0).startsWith("display djinn-training-"), messages.toString());
        assertTrue(messages.stream().skip(1).allMatch(m -> m.startsWith("update ")), "one display, then updates");
        assertTrue(messages.size() <= 2 + seconds * 5, messages.size() + " messages in " + seconds + " s");
        assertTrue(shown.get(shown.size() - 1).toString().startsWith("Training done: 0 epochs"), shown.get(shown.size() - 1).toString());
    }
}
