package dev.djinn.dsl.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import ai.djl.ndarray.types.Shape;
import dev.djinn.dsl.data.InputEncoding;
import dev.djinn.dsl.train.EpochRecord;
import dev.djinn.dsl.train.LossFunction;
import dev.djinn.dsl.train.OptimizerSpec;
import dev.djinn.dsl.train.TrainingOptions;
import dev.djinn.dsl.version.Versions;

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
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * One self-describing model file: a zip with {@code model.json} (format, architecture, input shape, class names,
 * optimizer, training history, versions) and {@code parameters.bin} (DJL's parameter stream). Saving writes a
 * temporary file beside the target and moves it into place, so a crash never leaves half a file.
 */
final class ModelFile {
    static final String FORMAT = "djinn-model";
    /** 2: typed parts (architecture, loss, optimizer as JSON objects); 1: layers and optimizer as call text. */
    static final int VERSION = 2;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private ModelFile() {
    }

    /** Everything model.json records; each part writes and reads its own JSON. */
    record Description(Architecture architecture, Shape inputShape, List<String> classNames, InputEncoding encoding,
                       LossFunction loss, OptimizerSpec optimizer, float l1, float l2, TrainingOptions training,
                       List<EpochRecord> history) {
        JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.addProperty("format", FORMAT);
            json.addProperty("version", VERSION);
            json.addProperty("djinn", Versions.djinn());
            json.addProperty("djl", Versions.djl());
            json.add("architecture", architecture.toJson());
            JsonArray shape = new JsonArray();
            for (long dimension : inputShape.getShape()) {
                shape.add(dimension);
            }
            json.add("inputShape", shape);
            JsonArray names = new JsonArray();
            classNames.forEach(names::add);
            json.add("classNames", names);
            json.add("encoding", encoding.toJson());
            json.add("loss", loss.toJson());
            json.add("optimizer", optimizer.toJson());
            json.addProperty("l1", l1);
            json.addProperty("l2", l2);
            if (training != null) {
                json.add("training", training.toJson());
            }
            JsonArray epochs = new JsonArray();
            history.forEach(epoch -> epochs.add(epoch.toJson()));
            json.add("history", epochs);
            return json;
        }
    }

    /** Reads model.json's fields: format 2 part by part, format 1 through its own reader. */
    static Description describe(JsonObject json) {
        if (JsonFields.integer(json, "version") == 1) {
            return ModelFileV1.describe(json);
        }
        List<EpochRecord> history = new ArrayList<>();
        for (var element : JsonFields.array(json, "history")) {
            history.add(EpochRecord.fromJson(element.getAsJsonObject()));
        }
        return new Description(Architecture.fromJson(JsonFields.object(json, "architecture")),
                new Shape(JsonFields.sizes(json, "inputShape", Integer.MAX_VALUE)), JsonFields.strings(json, "classNames"),
                InputEncoding.fromJson(JsonFields.object(json, "encoding")), LossFunction.fromJson(JsonFields.object(json, "loss")),
                OptimizerSpec.fromJson(JsonFields.object(json, "optimizer")), JsonFields.number(json, "l1"), JsonFields.number(json, "l2"),
                TrainingOptions.fromJson(json.has("training") ? JsonFields.object(json, "training") : null), history);
    }

    /**
     * Writes a temporary file beside the target, flushed to disk, and renames it into place (the folder flushed too),
     * so that a crash or a kill at any moment leaves the old file or the new one, never half of one. The temporary
     * file is locked while it is written: temporary files of the same target that nobody holds are the remains of an
     * earlier save that was killed, and are removed.
     */
    static void save(Path target, Description model, byte[] parameters) {
        JsonObject description = model.toJson();
        Path folder = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
            removeAbandonedSaves(folder, target.getFileName().toString());
            Path temporary = Files.createTempFile(folder, "." + target.getFileName(), SAVING);
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                     FileLock lock = channel.lock()) {
                    ZipOutputStream zip = new ZipOutputStream(Channels.newOutputStream(channel));
                    zip.putNextEntry(new ZipEntry("model.json"));
                    zip.write(GSON.toJson(description).getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                    zip.putNextEntry(new ZipEntry("parameters.bin"));
                    zip.write(parameters);
                    zip.closeEntry();
                    zip.finish();
                    zip.flush();
                    channel.force(true);
                    try {
                        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                syncFolder(folder);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the model to " + target + ": " + e.getMessage(), e);
        }
    }

    private static final String SAVING = ".saving";

    private static void removeAbandonedSaves(Path folder, String targetName) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, "." + targetName + "*" + SAVING)) {
            for (Path leftover : leftovers) {
                try (FileChannel channel = FileChannel.open(leftover, StandardOpenOption.WRITE);
                     FileLock lock = channel.tryLock()) {
                    if (lock != null) {
                        Files.deleteIfExists(leftover); // nobody writes it: its save was killed
                    }
                } catch (OverlappingFileLockException | IOException e) {
                    // being written by a save in this process or another: leave it
                }
            }
        }
    }

    private static void syncFolder(Path folder) {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // some file systems cannot open or sync a folder; the rename itself is still atomic
        }
    }

    /** model.json of a real model is kilobytes (a long history: a few megabytes); more is not a model's. */
    static final long MAX_DESCRIPTION = 64L << 20;

    /** The checked description of a saved model, and its parameters, read when the architecture says how many. */
    record Contents(JsonObject description, Parameters parameters) {
    }

    /**
     * Reads only the two entries the format has, through the zip's directory: other entries (a zip bomb's) are never
     * inflated, and no entry may inflate to more than its header declares.
     */
    static Contents read(Path file) {
        if (!Files.exists(file)) {
            throw new ModelFileException("There is no model file at " + file + ": check the path (save writes it with net.save(path)).", null);
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file + " is not a file: give the path of a model saved with net.save(path).", null);
        }
        if (!startsLikeAZip(file)) {
            throw new ModelFileException(file + " is not a Djinn model file (not a zip with model.json and parameters.bin). "
                    + "Djinn reads files written by net.save(path).", null);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry json = zip.getEntry("model.json");
            ZipEntry parameters = zip.getEntry("parameters.bin");
            if (json == null && parameters == null) {
                throw new ModelFileException(file + " is not a Djinn model file (no model.json and parameters.bin inside). "
                        + "Djinn reads files written by net.save(path).", null);
            }
            if (json == null || parameters == null) {
                throw new ModelFileException(file + " is truncated or not a Djinn model file: "
                        + (json == null ? "model.json" : "parameters.bin") + " is missing. Save the model again.", null);
            }
            JsonObject description = GSON.fromJson(new String(inflate(zip, json, MAX_DESCRIPTION, "a model description"), StandardCharsets.UTF_8), JsonObject.class);
            if (description == null) {
                throw new ModelFileException(file + " has an empty model.json: save the model again.", null);
            }
            checkFormat(file, description);
            return new Contents(description, new Parameters(file, parameters.getSize()));
        } catch (ZipException | EOFException e) {
            throw new ModelFileException(file + " is truncated or damaged (" + e.getMessage() + "): save the model again.", e);
        } catch (JsonParseException e) {
            throw new ModelFileException(file + " has an unreadable model.json (" + e.getMessage() + "): save the model again.", e);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + " has a model.json this Djinn cannot read: " + e.getMessage() + ". Save the model again.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean startsLikeAZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkFormat(Path file, JsonObject description) {
        if (!description.has("format") || !description.get("format").isJsonPrimitive()
                || !FORMAT.equals(description.get("format").getAsString())) {
            throw new ModelFileException(file + " is not a Djinn model file: its model.json does not say \"format\": \"" + FORMAT
                    + "\". Djinn reads files written by net.save(path).", null);
        }
        int version = JsonFields.integer(description, "version");
        if (version < 1) {
            throw new IllegalArgumentException("\"version\" should be 1 or more, found " + version);
        }
        if (version > VERSION) {
            throw new ModelFileException(file + " was written in Djinn model format " + version + " by Djinn "
                    + (description.has("djinn") ? description.get("djinn").getAsString() : "(unknown)") + "; this Djinn " + Versions.djinn()
                    + " reads format " + VERSION + ". Upgrade Djinn to load it.", null);
        }
    }

    /**
     * The bytes of an entry, refusing one that declares or inflates to more than {@code limit} ({@code whatLimits}
     * says why that much: "a model description", "a model of this architecture") or than it declares.
     */
    private static byte[] inflate(ZipFile zip, ZipEntry entry, long limit, String whatLimits) throws IOException {
        long declared = entry.getSize();
        if (declared < 0 || declared > limit) {
            throw new IllegalArgumentException(entry.getName() + " declares " + declared + " bytes, more than the "
                    + limit + " " + whatLimits + " can have");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) declared);
            if (bytes.length < declared) {
                throw new EOFException(entry.getName() + " ends after " + bytes.length + " of its " + declared + " bytes");
            }
            if (in.read() >= 0) {
                throw new IllegalArgumentException(entry.getName() + " inflates to more than the " + declared + " bytes it declares");
            }
            return bytes;
        }
    }

    /**
     * A model file's parameters.bin, read once the architecture is built: its size is checked against what the
     * parameter shapes need, and every array header against those shapes, before anything is allocated for it.
     */
    record Parameters(Path file, long declaredSize) implements BuiltNetwork.SavedParameters {
        @Override
        public DataInputStream open(List<Shape> shapes, String architecture) {
            long needed = 0;
            for (Shape shape : shapes) {
                needed += shape.size() * Float.BYTES + 1024; // data, and a generous header with the parameter's name
            }
            long allowed = Math.min(Integer.MAX_VALUE - 16, needed + (1 << 20));
            byte[] bytes;
            try (ZipFile zip = new ZipFile(file.toFile())) {
                bytes = inflate(zip, zip.getEntry("parameters.bin"), allowed, "a model of this architecture");
            } catch (IOException e) {
                throw new IllegalArgumentException("its parameters cannot be read (" + e.getMessage() + ")", e);
            }
            ParameterScan.check(bytes, shapes, architecture);
            return parameterStream(bytes);
        }
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
