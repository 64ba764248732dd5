package dev.djinn.dsl.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.djinn.Djinn;
import ai.djl.ndarray.types.Shape;
import dev.djinn.dsl.data.InputEncoding;
import dev.djinn.dsl.train.EpochRecord;
import dev.djinn.dsl.train.LossFunction;
import dev.djinn.dsl.train.OptimizerSpec;
import dev.djinn.dsl.train.TrainingOptions;
import java.util.LinkedHashMap;
import java.util.Map;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * One self-describing model file: a zip with {@code model.json} (format, architecture, input shape, class names,
 * optimizer, training history, versions) and {@code parameters.bin} (DJL's parameter stream). Saving writes a
 * temporary file beside the target and moves it into place, so a crash never leaves half a file.
 */
final class ModelFile {
    static final String FORMAT = "djinn-model";
    static final int VERSION = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private ModelFile() {
    }

    /** Everything model.json records. */
    record Description(List<String> layers, Shape inputShape, List<String> classNames, InputEncoding encoding,
                       LossFunction loss, OptimizerSpec optimizer, float l1, float l2, TrainingOptions training,
                       List<EpochRecord> history) {
        JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.addProperty("format", FORMAT);
            json.addProperty("version", VERSION);
            json.addProperty("djinn", Djinn.version());
            json.addProperty("djl", Djinn.djlVersion());
            json.add("layers", strings(layers));
            JsonArray shape = new JsonArray();
            for (long dimension : inputShape.getShape()) {
                shape.add(dimension);
            }
            json.add("inputShape", shape);
            json.add("classNames", strings(classNames));
            json.add("encoding", encoding.toJson());
            json.addProperty("loss", loss.toString());
            json.addProperty("optimizer", optimizer.toString());
            json.addProperty("l1", l1);
            json.addProperty("l2", l2);
            if (training != null) {
                JsonObject options = new JsonObject();
                options.addProperty("epochs", training.epochs());
                options.addProperty("batchSize", training.batchSize());
                options.addProperty("seed", training.seed());
                options.addProperty("shuffle", training.shuffle());
                options.add("augment", strings(training.augmentations().stream().map(Object::toString).toList()));
                if (training.metrics() != null) {
                    options.add("metrics", strings(training.metrics().stream().map(Object::toString).toList()));
                }
                json.add("training", options);
            }
            json.add("history", epochs(history));
            return json;
        }
    }

    /** Reads model.json's fields (files of format 1 before losses and encodings default to cross-entropy, none). */
    static Description describe(JsonObject json) {
        JsonArray shapeArray = json.getAsJsonArray("inputShape");
        long[] shape = new long[shapeArray.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeArray.get(i).getAsLong();
        }
        LossFunction loss = json.has("loss") ? LossFunction.parse(json.get("loss").getAsString()) : LossFunction.of(LossFunction.Kind.CROSS_ENTROPY);
        OptimizerSpec optimizer = json.has("optimizer") ? OptimizerParser.parse(json.get("optimizer").getAsString())
                : OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 1e-3);
        List<EpochRecord> history = new ArrayList<>();
        if (json.has("history")) {
            for (var element : json.getAsJsonArray("history")) {
                history.add(epoch(element.getAsJsonObject()));
            }
        }
        return new Description(strings(json.getAsJsonArray("layers")), new Shape(shape), strings(json.getAsJsonArray("classNames")),
                InputEncoding.fromJson(json.has("encoding") ? json.getAsJsonObject("encoding") : null), loss, optimizer,
                json.has("l1") ? json.get("l1").getAsFloat() : 0, json.has("l2") ? json.get("l2").getAsFloat() : 0, null, history);
    }

    static void save(Path target, Description model, byte[] parameters) {
        JsonObject description = model.toJson();
        Path folder = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, "." + target.getFileName(), ".saving");
            try {
                try (OutputStream file = Files.newOutputStream(temporary); ZipOutputStream zip = new ZipOutputStream(file)) {
                    zip.putNextEntry(new ZipEntry("model.json"));
                    zip.write(GSON.toJson(description).getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                    zip.putNextEntry(new ZipEntry("parameters.bin"));
                    zip.write(parameters);
                    zip.closeEntry();
                }
                try {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the model to " + target + ": " + e.getMessage(), e);
        }
    }

    /** The description and parameter bytes of a saved model, checked. */
    record Contents(JsonObject description, byte[] parameters) {
    }

    static Contents read(Path file) {
        JsonObject description = null;
        byte[] parameters = null;
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                byte[] bytes = zip.readAllBytes();
                if (entry.getName().equals("model.json")) {
                    description = GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), JsonObject.class);
                } else if (entry.getName().equals("parameters.bin")) {
                    parameters = bytes;
                }
            }
        } catch (NoSuchFileException e) {
            throw new ModelFileException("There is no model file at " + file + ": check the path (save writes it with net.save(path)).", e);
        } catch (ZipException | EOFException e) {
            throw new ModelFileException(file + " is truncated or damaged (" + e.getMessage() + "): save the model again.", e);
        } catch (JsonParseException e) {
            throw new ModelFileException(file + " has an unreadable model.json (" + e.getMessage() + "): save the model again.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
        if (description == null && parameters == null) {
            throw new ModelFileException(file + " is not a Djinn model file (no model.json and parameters.bin inside). "
                    + "Djinn reads files written by net.save(path).", null);
        }
        if (description == null || parameters == null || !description.has("format")
                || !FORMAT.equals(description.get("format").getAsString())) {
            throw new ModelFileException(file + " is truncated or not a Djinn model file: "
                    + (description == null ? "model.json" : "parameters.bin") + " is missing or unrecognised. Save the model again.", null);
        }
        int version = description.get("version").getAsInt();
        if (version > VERSION) {
            throw new ModelFileException(file + " was written in Djinn model format " + version + " by Djinn "
                    + description.get("djinn").getAsString() + "; this Djinn " + Djinn.version() + " reads format " + VERSION
                    + ". Upgrade Djinn to load it.", null);
        }
        return new Contents(description, parameters);
    }

    static JsonArray epochs(List<EpochRecord> epochs) {
        JsonArray array = new JsonArray();
        for (EpochRecord r : epochs) {
            JsonObject epoch = new JsonObject();
            epoch.addProperty("epoch", r.epoch());
            epoch.addProperty("loss", r.loss());
            epoch.add("metrics", numbers(r.metrics()));
            if (r.hasValidation()) {
                epoch.addProperty("validationLoss", r.validationLoss());
                epoch.add("validationMetrics", numbers(r.validationMetrics()));
            }
            epoch.addProperty("learningRate", r.learningRate());
            epoch.addProperty("seconds", r.seconds());
            epoch.addProperty("samplesPerSecond", r.samplesPerSecond());
            array.add(epoch);
        }
        return array;
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

    private static EpochRecord epoch(JsonObject json) {
        Map<String, Double> metrics = numbers(json.getAsJsonObject("metrics"));
        if (json.has("accuracy")) {
            metrics.put("accuracy", json.get("accuracy").getAsDouble()); // format 1 before metrics
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

    private static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.getAsString()));
        return values;
    }

    static byte[] parameterBytes(ParameterWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static DataInputStream parameterStream(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    /** Writes a block's parameters. */
    interface ParameterWriter {
        void write(DataOutputStream out) throws IOException;
    }
}
