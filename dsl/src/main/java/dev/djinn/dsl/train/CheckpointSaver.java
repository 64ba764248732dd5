package dev.djinn.dsl.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Passes progress on to the user's listener and saves the model at the end of every epoch, or only when the
 * monitored loss (validation loss, or training loss without validation) is the best so far.
 */
public final class CheckpointSaver implements ProgressListener {
    private final ProgressListener user;
    private final boolean bestOnly;
    private final Consumer<List<EpochRecord>> save;
    private final List<EpochRecord> epochsSoFar;
    private double best = Double.POSITIVE_INFINITY;

    /** {@code save} gets every epoch trained so far, {@code earlier} ones included, to record as the history. */
    public CheckpointSaver(ProgressListener user, boolean bestOnly, List<EpochRecord> earlier, Consumer<List<EpochRecord>> save) {
        this.user = user;
        this.bestOnly = bestOnly;
        this.save = save;
        this.epochsSoFar = new ArrayList<>(earlier);
    }

    @Override
    public void onStart(int epochs, String validatedOn) {
        user.onStart(epochs, validatedOn);
    }

    @Override
    public void onNotice(String notice) {
        user.onNotice(notice);
    }

    @Override
    public void onBatch(BatchProgress progress) {
        user.onBatch(progress);
    }

    @Override
    public void onEpoch(EpochRecord record, int epochs) {
        user.onEpoch(record, epochs);
        epochsSoFar.add(record);
        if (!bestOnly || record.monitoredLoss() < best) {
            best = Math.min(best, record.monitoredLoss());
            save.accept(List.copyOf(epochsSoFar));
        }
    }

    @Override
    public void onEnd(History history) {
        user.onEnd(history);
    }
}
