package dev.djinn.magics.display;

import dev.djinn.dsl.train.BatchProgress;
import dev.djinn.dsl.train.EpochRecord;
import dev.djinn.dsl.train.History;
import dev.djinn.magics.mime.MimeBundle;
import dev.djinn.magics.mime.Rich;
import dev.djinn.magics.dispatch.Html;
import dev.djinn.magics.plot.Charts;

import java.util.List;

/** One frame of the live training display: the current epoch's bar, the finished epochs, and the end state. */
public final class TrainingView implements Rich {
    private static final int BAR = 30;

    private final BatchProgress latest;
    private final List<EpochRecord> epochs;
    private final int epochsTotal;
    private final String validatedOn;
    private final String notice;
    private final History finished;

    TrainingView(BatchProgress latest, List<EpochRecord> epochs, int epochsTotal, String validatedOn, String notice, History finished) {
        this.notice = notice;
        this.latest = latest;
        this.epochs = List.copyOf(epochs);
        this.epochsTotal = epochsTotal;
        this.validatedOn = validatedOn;
        this.finished = finished;
    }

    /** The status line: "Epoch 2/5 [=====     ] 32000/60000  loss 0.41  accuracy 0.85  21000 samples/s  ETA 1s". */
    public String statusLine() {
        if (finished != null) {
            if (finished.isInterrupted()) {
                return "Training " + finished.interruption() + " (weights kept; train again to continue)";
            }
            String early = finished.earlyStop().isEmpty() ? "" : "; " + finished.earlyStop();
            return "Training done: " + finished.epochs().size() + " epoch" + (finished.epochs().size() == 1 ? "" : "s") + early;
        }
        if (latest == null) {
            return epochsTotal > 0 ? "Epoch 1/" + epochsTotal + " — starting" : "Training…";
        }
        int filled = (int) ((long) BAR * latest.samplesDone() / latest.samplesTotal());
        return String.format("Epoch %d/%d [%s%s] %d/%d  %s  %.0f samples/s  ETA %.0fs", latest.epoch(), latest.epochs(),
                "=".repeat(filled), " ".repeat(BAR - filled), latest.samplesDone(), latest.samplesTotal(), latest.lossAndMetrics(),
                latest.samplesPerSecond(), latest.etaSeconds());
    }

    @Override
    public MimeBundle toMimeBundle() {
        StringBuilder html = new StringBuilder("<div>");
        if (finished == null && latest != null) {
            double share = (double) latest.samplesDone() / latest.samplesTotal();
            html.append(String.format("<div>Epoch %d/%d <progress value=\"%.3f\" max=\"1\" style=\"width:240px\"></progress> %,d/%,d</div>",
                    latest.epoch(), latest.epochs(), share, latest.samplesDone(), latest.samplesTotal()));
            html.append(String.format("<div><code>%s</code> · %,.0f samples/s · ETA %.0fs</div>", Html.escape(latest.lossAndMetrics()),
                    latest.samplesPerSecond(), latest.etaSeconds()));
        } else {
            html.append("<div><b>").append(Html.escape(statusLine())).append("</b></div>");
        }
        if (!validatedOn.isEmpty()) {
            html.append("<div>Validation on ").append(Html.escape(validatedOn)).append("</div>");
        }
        if (!notice.isEmpty()) {
            html.append("<div>").append(Html.escape(notice)).append("</div>");
        }
        History table = history();
        if (!table.epochs().isEmpty()) {
            if (finished != null) {
                html.append(DisplayForms.image(Charts.history(table, "").png()));
            }
            html.append(DisplayForms.historyTable(table));
        }
        return MimeBundle.html(html.append("</div>").toString(), toString());
    }

    private History history() {
        if (finished != null) {
            return finished;
        }
        History history = new History();
        epochs.forEach(history::add);
        history.validatedOn(validatedOn);
        history.notice(notice);
        return history;
    }

    @Override
    public String toString() {
        History table = history();
        // the History's text says the notice once it has epochs
        return statusLine() + "\n" + (table.epochs().isEmpty() ? (notice.isEmpty() ? "" : notice + "\n") : table.toString());
    }
}
