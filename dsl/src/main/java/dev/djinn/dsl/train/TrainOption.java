package dev.djinn.dsl.train;

import dev.djinn.dsl.data.LabeledData;

import java.util.function.Consumer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** One option of {@code train(data, epochs(5), batchSize(64), …)}; made by the static methods here. */
public final class TrainOption {
    private final Consumer<TrainingOptions> setting;

    private TrainOption(Consumer<TrainingOptions> setting) {
        this.setting = setting;
    }

    public static TrainingOptions resolve(TrainOption... options) {
        TrainingOptions resolved = new TrainingOptions();
        for (TrainOption option : options) {
            option.setting.accept(resolved);
        }
        return resolved;
    }

    public static TrainOption epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs(" + epochs + "): train for at least one epoch.");
        }
        return new TrainOption(o -> o.epochs = epochs);
    }

    public static TrainOption batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize(" + batchSize + "): a batch holds at least one example.");
        }
        return new TrainOption(o -> o.batchSize = batchSize);
    }

    /** Same seed, same shuffling, same initial weights, same History on CPU. */
    public static TrainOption seed(long seed) {
        return new TrainOption(o -> o.seed = seed);
    }

    public static TrainOption shuffle(boolean shuffle) {
        return new TrainOption(o -> o.shuffle = shuffle);
    }

    /**
     * Stops when the monitored loss (validation loss, or training loss without validation data) has not improved
     * for {@code patience} epochs, and restores the weights of the best epoch.
     */
    public static TrainOption earlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("earlyStopping(" + patience + "): patience is at least one epoch.");
        }
        return new TrainOption(o -> o.patience = patience);
    }

    /**
     * Holds out a share of the training data (chosen with the seed) for validation after every epoch, when
     * {@code train} is not given validation data: {@code validation(0.1)} keeps 10% (what {@code train(dataSet)}
     * does by default), {@code validation(0)} none.
     */
    public static TrainOption validation(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation(" + fraction + "): the share held out is from 0 (no validation) up to (not including) 1, such as 0.1.");
        }
        return new TrainOption(o -> o.validationFraction = fraction);
    }

    /**
     * Validates on these examples after every epoch, instead of a share held out of the training data. Passing a
     * data set's test split here lets it choose the epoch early stopping and best checkpoints keep: do that knowingly.
     */
    public static TrainOption validationData(LabeledData data) {
        Objects.requireNonNull(data, "validationData(null): give the examples to validate on, such as data.test()");
        return new TrainOption(o -> o.validationData = data);
    }

    /** Saves the model to {@code file} after every epoch (atomically: an interrupted save keeps the last one). */
    public static TrainOption checkpoint(Path file) {
        return checkpoint(file, false);
    }

    /** Saves after every epoch, or with {@code bestOnly} only when the monitored loss improved. */
    public static TrainOption checkpoint(Path file, boolean bestOnly) {
        Objects.requireNonNull(file, "checkpoint(file): give the file to save to");
        return new TrainOption(o -> {
            o.checkpoint = file;
            o.checkpointBestOnly = bestOnly;
        });
    }

    /** What to measure besides the loss: {@code metrics(accuracy(), topK(5))}. */
    public static TrainOption metrics(Metric... metrics) {
        List<Metric> list = List.of(metrics);
        Set<String> names = new HashSet<>();
        for (Metric metric : list) {
            if (!names.add(metric.name())) {
                throw new IllegalArgumentException("metrics(...) names " + metric.name() + " twice.");
            }
        }
        return new TrainOption(o -> o.metrics = list);
    }

    /** Random changes to each training image: {@code augment(flip(), crop(4))}. */
    public static TrainOption augment(Augmentation... augmentations) {
        List<Augmentation> list = List.of(augmentations);
        return new TrainOption(o -> o.augmentations = list);
    }

    /** Where progress goes; {@link ProgressListener#NONE} for none. */
    public static TrainOption progress(ProgressListener listener) {
        return new TrainOption(o -> o.progress = listener);
    }
}
