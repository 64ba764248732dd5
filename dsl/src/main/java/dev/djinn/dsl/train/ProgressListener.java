package dev.djinn.dsl.train;

/** Hears about training as it happens: the terminal shows a bar, the kernel a live display. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
    };

    /** Training starts: {@code validatedOn} says what the validation columns will measure (empty: no validation). */
    default void onStart(int epochs, String validatedOn) {
    }

    /** Something about the data the user should hear once, such as texts cut at maxLength. */
    default void onNotice(String notice) {
    }

    default void onBatch(BatchProgress progress) {
    }

    default void onEpoch(EpochRecord record, int epochs) {
    }

    default void onEnd(History history) {
    }
}
