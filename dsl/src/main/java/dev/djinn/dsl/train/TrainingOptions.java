package dev.djinn.dsl.train;

/** How a {@code train(...)} call runs; the defaults are Keras'. Set through {@link TrainOption}s. */
public final class TrainingOptions {
    private static volatile java.util.function.Supplier<ProgressListener> defaultProgress = TerminalProgress::forStdout;

    /**
     * Where training reports progress when {@code progress(…)} is not given: a terminal bar unless changed here (the
     * kernel installs a live notebook display).
     */
    public static void useDefaultProgress(java.util.function.Supplier<ProgressListener> listeners) {
        defaultProgress = java.util.Objects.requireNonNull(listeners, "useDefaultProgress(null): give a supplier of listeners");
    }

    int epochs = 1;
    int batchSize = 32;
    long seed = 42;
    boolean shuffle = true;
    ProgressListener progress;
    int patience = 0;
    double validationFraction;
    java.util.List<Metric> metrics;
    java.util.List<Augmentation> augmentations = java.util.List.of();

    /** The metrics asked for, or null for the default (accuracy for classifiers, mae for regression). */
    public java.util.List<Metric> metrics() {
        return metrics;
    }

    /** Random changes applied to each training batch. */
    public java.util.List<Augmentation> augmentations() {
        return augmentations;
    }

    /** The share of the training data held out for validation when no validation data is given; 0 for none. */
    public double validationFraction() {
        return validationFraction;
    }
    java.nio.file.Path checkpoint;
    boolean checkpointBestOnly;

    /** Where to save the model after epochs, or null. */
    public java.nio.file.Path checkpoint() {
        return checkpoint;
    }

    /** Save only when the monitored loss improved. */
    public boolean checkpointBestOnly() {
        return checkpointBestOnly;
    }

    /** Epochs without improvement before early stopping; 0 means no early stopping. */
    public int patience() {
        return patience;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public long seed() {
        return seed;
    }

    public boolean shuffle() {
        return shuffle;
    }

    /** The listener given, or the default one, made on first use (options resolved only to be read make none). */
    public ProgressListener progress() {
        if (progress == null) {
            progress = defaultProgress.get();
        }
        return progress;
    }
}
