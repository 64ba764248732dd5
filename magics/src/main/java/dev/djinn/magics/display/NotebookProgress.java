package dev.djinn.magics.display;

import dev.djinn.dsl.train.BatchProgress;
import dev.djinn.dsl.train.EpochRecord;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Training progress in a notebook: one display, updated in place at most five times a second (so IOPub is not
 * flooded), showing epoch k/n, a bar, loss, running metrics, samples/s and ETA, a row per finished epoch, and at the
 * end the History chart (or where it was interrupted). The last update is always sent, so a saved notebook shows
 * the final state.
 */
public final class NotebookProgress implements ProgressListener {
    static final long MIN_UPDATE_NANOS = 200_000_000L;

    private final DisplaySink sink;
    private final String displayId = "djinn-training-" + UUID.randomUUID();
    private final List<EpochRecord> epochs = new ArrayList<>();
    private BatchProgress latest;
    private int epochsTotal;
    private String validatedOn = "";
    private String notice = "";
    private boolean shown;
    private long lastSent;

    public NotebookProgress(DisplaySink sink) {
        this.sink = sink;
    }

    /** Shown at once, before the first batch (which can take seconds), with what validation will measure. */
    @Override
    public void onStart(int epochs, String validatedOn) {
        this.epochsTotal = epochs;
        this.validatedOn = validatedOn;
        send(view(null));
    }

    @Override
    public void onNotice(String notice) {
        this.notice = notice;
    }

    @Override
    public void onBatch(BatchProgress progress) {
        latest = progress;
        epochsTotal = progress.epochs();
        sendIfDue(view(null));
    }

    @Override
    public void onEpoch(EpochRecord record, int epochs) {
        this.epochs.add(record);
        epochsTotal = epochs;
        sendIfDue(view(null));
    }

    @Override
    public void onEnd(History history) {
        send(view(history));
    }

    private TrainingView view(History finished) {
        return new TrainingView(latest, epochs, epochsTotal, validatedOn, notice, finished);
    }

    private void sendIfDue(TrainingView view) {
        if (!shown || System.nanoTime() - lastSent >= MIN_UPDATE_NANOS) {
            send(view);
        }
    }

    private void send(TrainingView view) {
        lastSent = System.nanoTime();
        if (!shown) {
            shown = true;
            sink.display(view, displayId);
        } else {
            sink.update(displayId, view);
        }
    }
}
