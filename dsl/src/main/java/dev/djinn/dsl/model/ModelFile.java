package dev.djinn.dsl.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.djinn.Djinn;
import dev.djinn.dsl.train.EpochRecord;

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

    static void save(Path target, JsonObject description, byte[] parameters) {
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
            epoch.addProperty("accuracy", r.accuracy());
            if (r.hasValidation()) {
                epoch.addProperty("validationLoss", r.validationLoss());
                epoch.addProperty("validationAccuracy", r.validationAccuracy());
            }
            epoch.addProperty("seconds", r.seconds());
            epoch.addProperty("samplesPerSecond", r.samplesPerSecond());
            array.add(epoch);
        }
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
