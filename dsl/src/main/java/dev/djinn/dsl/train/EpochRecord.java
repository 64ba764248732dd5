package dev.djinn.dsl.train;

import com.google.gson.JsonObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One epoch of a History: mean training loss and metrics over its batches, validation loss and metrics (NaN and
 * empty without validation data), the learning rate at its last step, wall time and throughput.
 */
public record EpochRecord(int epoch, double loss, Map<String, Double> metrics, double validationLoss,
                          Map<String, Double> validationMetrics, double learningRate, double seconds, double samplesPerSecond) {
    public EpochRecord {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        validationMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(validationMetrics));
    }

    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }

    /** A training metric by name ("accuracy", "top5", "mae"), NaN when it was not measured. */
    public double metric(String name) {
        return metrics.getOrDefault(name, Double.NaN);
    }

    /** A validation metric by name, NaN when it was not measured. */
    public double validationMetric(String name) {
        return validationMetrics.getOrDefault(name, Double.NaN);
    }

    public double accuracy() {
        return metric("accuracy");
    }

    public double validationAccuracy() {
        return validationMetric("accuracy");
    }

    /** "epoch 3: loss 0.4408  accuracy 0.8473  val_loss 0.4627  val_accuracy 0.8345  lr 0.001  0.6 s  21230 samples/s". */
    @Override
    public String toString() {
        String validation = hasValidation() ? "  " + MetricText.of("val_", validationLoss, validationMetrics) : "";
        return String.format("epoch %d: %s%s  lr %.3g  %.1f s  %.0f samples/s", epoch, MetricText.of("", loss, metrics), validation,
                learningRate, seconds, samplesPerSecond);
    }

    /** {@code {"epoch": 1, "loss": 0.52, "metrics": {"accuracy": 0.81}, "validationLoss": …, …}}; NaN metrics as null. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("epoch", epoch);
        json.addProperty("loss", loss);
        json.add("metrics", numbers(metrics));
        if (hasValidation()) {
            json.addProperty("validationLoss", validationLoss);
            json.add("validationMetrics", numbers(validationMetrics));
        }
        json.addProperty("learningRate", learningRate);
        json.addProperty("seconds", seconds);
        json.addProperty("samplesPerSecond", samplesPerSecond);
        return json;
    }

    /** Reads {@link #toJson()} back (and format 1's "accuracy" and "validationAccuracy" fields, from before metrics). */
    public static EpochRecord fromJson(JsonObject json) {
        Map<String, Double> metrics = numbers(json.getAsJsonObject("metrics"));
        if (json.has("accuracy")) {
            metrics.put("accuracy", json.get("accuracy").getAsDouble());
        }
        Map<String, Double> validation = numbers(json.getAsJsonObject("validationMetrics"));
        if (json.has("validationAccuracy")) {
            validation.put("accuracy", json.get("validationAccuracy").getAsDouble());
        }
        return new EpochRecord(json.get("epoch").getAsInt(), json.get("loss").getAsDouble(), metrics,
                json.has("validationLoss") ? json.get("validationLoss").getAsDouble() : Double.NaN, validation,
                json.has("learningRate") ? json.get("learningRate").getAsDouble() : Double.NaN,
                json.get("seconds").getAsDouble(), json.get("samplesPerSecond").getAsDouble());
    }

    private static JsonObject numbers(Map<String, Double> values) {
        JsonObject json = new JsonObject();
        values.forEach((name, value) -> json.addProperty(name, Double.isFinite(value) ? value : null));
        return json;
    }

    private static Map<String, Double> numbers(JsonObject json) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (json != null) {
            json.entrySet().forEach(e -> values.put(e.getKey(), e.getValue().isJsonNull() ? Double.NaN : e.getValue().getAsDouble()));
        }
        return values;
    }

    /** The loss early stopping and best-only checkpoints watch: validation loss, or training loss without validation. */
    public double monitoredLoss() {
        return hasValidation() ? validationLoss : loss;
    }
}
