package dev.djinn.dsl.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.djinn.dsl.data.LabeledData;
import dev.djinn.dsl.data.Seed;

import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/** How a {@code train(...)} call runs; the defaults are Keras'. Set through {@link TrainOption}s. */
public final class TrainingOptions {
    private static volatile Supplier<ProgressListener> defaultProgress = TerminalProgress::forStdout;

    /**
     * Where training reports progress when {@code progress(…)} is not given: a terminal bar unless changed here (the
     * kernel installs a live notebook display).
     */
    public static void useDefaultProgress(Supplier<ProgressListener> listeners) {
        defaultProgress = Objects.requireNonNull(listeners, "useDefaultProgress(null): give a supplier of listeners");
    }

    int epochs = 1;
    int batchSize = 32;
    long seed = Seed.DEFAULT;
    boolean shuffle = true;
    ProgressListener progress;
    int patience = 0;
    /** NaN until chosen: then {@code train(dataSet)} holds out {@link #DEFAULT_VALIDATION} of the train split. */
    double validationFraction = Double.NaN;
    LabeledData validationData;
    List<Metric> metrics;
    List<Augmentation> augmentations = List.of();

    /** The options a saved model records of its last training: epochs, batch size, seed, shuffling, augmentations, metrics. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("epochs", epochs);
        json.addProperty("batchSize", batchSize);
        json.addProperty("seed", seed);
        json.addProperty("shuffle", shuffle);
        json.addProperty("earlyStoppingPatience", patience);
        if (choseValidationFraction()) {
            json.addProperty("validation", validationFraction);
        }
        json.add("augment", texts(augmentations));
        if (metrics != null) {
            json.add("metrics", texts(metrics));
        }
        return json;
    }

    /** Reads what {@link #toJson()} wrote; null for a file without it. */
    public static TrainingOptions fromJson(JsonObject json) {
        if (json == null) {
            return null;
        }
        TrainingOptions options = new TrainingOptions();
        options.epochs = json.get("epochs").getAsInt();
        options.batchSize = json.get("batchSize").getAsInt();
        options.seed = json.get("seed").getAsLong();
        options.shuffle = json.get("shuffle").getAsBoolean();
        options.patience = json.has("earlyStoppingPatience") ? json.get("earlyStoppingPatience").getAsInt() : 0;
        options.validationFraction = json.has("validation") ? json.get("validation").getAsDouble() : Double.NaN;
        List<Augmentation> augmentations = new ArrayList<>();
        json.getAsJsonArray("augment").forEach(text -> augmentations.add(Augmentation.parse(text.getAsString())));
        options.augmentations = List.copyOf(augmentations);
        if (json.has("metrics")) {
            List<Metric> metrics = new ArrayList<>();
            json.getAsJsonArray("metrics").forEach(text -> metrics.add(Metric.parse(text.getAsString())));
            options.metrics = List.copyOf(metrics);
        }
        return options;
    }

    private static JsonArray texts(List<?> values) {
        JsonArray array = new JsonArray();
        values.forEach(value -> array.add(value.toString()));
        return array;
    }

    /** The metrics asked for, or null for the default (accuracy for classifiers, mae for regression). */
    public List<Metric> metrics() {
        return metrics;
    }

    /** Random changes applied to each training batch. */
    public List<Augmentation> augmentations() {
        return augmentations;
    }

    /** What {@code train(dataSet)} holds out of the train split when no validation was chosen. */
    public static final double DEFAULT_VALIDATION = 0.1;

    /** The share of the training data held out for validation, NaN when not chosen, 0 for none. */
    public double validationFraction() {
        return validationFraction;
    }

    /** Whether the user chose a share to hold out (or none, with 0). */
    public boolean choseValidationFraction() {
        return !Double.isNaN(validationFraction);
    }

    /** The data the user gave to validate on with {@code validationData(...)}, or null. */
    public LabeledData validationData() {
        return validationData;
    }
    Path checkpoint;
    boolean checkpointBestOnly;

    /** Where to save the model after epochs, or null. */
    public Path checkpoint() {
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
