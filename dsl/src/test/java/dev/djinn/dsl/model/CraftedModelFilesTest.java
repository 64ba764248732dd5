package dev.djinn.dsl.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.load;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corpus of crafted model files, made by the test from a real saved model: each fails fast with a
 * {@link ModelFileException} whose sentence says what is wrong, never a raw exception or an OutOfMemoryError.
 */
class CraftedModelFilesTest {
    @TempDir
    static Path dir;
    private static Path real;
    private static Map<String, byte[]> entries;

    @BeforeAll
    static void saveARealModel() throws IOException {
        try (Model net = model().dense(4).relu().dense(2)) {
            net.train(TrainingTest.blobs(60, 5), epochs(1), progress(ProgressListener.NONE));
            real = net.save(dir.resolve("real.djinn"));
        }
        entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(real.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
        }
    }

    private static String refused(Path file) {
        return assertThrows(ModelFileException.class, () -> load(file).close()).getMessage();
    }

    private static Path zip(String name, Map<String, byte[]> contents) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : contents.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    private static Path withDescription(String name, Consumer<JsonObject> change) throws IOException {
        JsonObject json = JsonParser.parseString(new String(entries.get("model.json"), StandardCharsets.UTF_8)).getAsJsonObject();
        change.accept(json);
        Map<String, byte[]> contents = new LinkedHashMap<>(entries);
        contents.put("model.json", json.toString().getBytes(StandardCharsets.UTF_8));
        return zip(name, contents);
    }

    @Test
    void entriesTheFormatDoesNotHaveAreNeverInflated() throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>(entries);
        contents.put("bomb.bin", new byte[300 << 20]); // 300 MB of zeros deflate to 300 KB
        Path file = zip("extra-bomb.djinn", contents);
        assertTrue(Files.size(file) < 2 << 20);
        load(file).close();
    }

    @Test
    void parametersDeclaringFarMoreThanTheArchitectureNeedsFailBeforeInflating() throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>(entries);
        contents.put("parameters.bin", new byte[300 << 20]);
        String message = refused(zip("parameter-bomb.djinn", contents));
        assertTrue(message.contains("parameters.bin declares 314572800 bytes, more than"), message);
    }

    @Test
    void anEntryInflatingToMoreThanItDeclaresIsRefused() throws IOException {
        Path file = zip("lying.djinn", entries);
        byte[] bytes = Files.readAllBytes(file);
        patchCentralSize(bytes, "parameters.bin", entries.get("parameters.bin").length / 2);
        Files.write(file, bytes);
        String message = refused(file);
        assertTrue(message.contains("inflates to more than") || message.contains("truncated or damaged"), message);
    }

    @Test
    void aMissingVersionIsASentence() throws IOException {
        String message = refused(withDescription("no-version.djinn", json -> json.remove("version")));
        assertTrue(message.contains("has no \"version\""), message);
    }

    @Test
    void aVersionInWordsIsASentence() throws IOException {
        String message = refused(withDescription("version-one.djinn", json -> json.addProperty("version", "one")));
        assertTrue(message.contains("\"version\" should be a whole number, found \"one\""), message);
    }

    @Test
    void aFormatThatIsNotTheNameIsNotAModel() throws IOException {
        String message = refused(withDescription("format-array.djinn", json -> json.add("format", new JsonArray())));
        assertTrue(message.contains("is not a Djinn model file"), message);
    }

    @Test
    void deeplyNestedLayersFailWithASentenceNotAStackOverflow() throws IOException {
        String nested = "residual[".repeat(50_000) + "relu" + "]".repeat(50_000);
        String message = refused(withDescription("nested.djinn", json -> {
            JsonArray layers = new JsonArray();
            layers.add(nested);
            json.addProperty("version", 1); // format 1 wrote layers, loss and optimizer as call text
            json.addProperty("loss", "crossEntropy()");
            json.addProperty("optimizer", "adam(0.001)");
            json.add("layers", layers);
        }));
        assertTrue(message.contains("nested more than 100 levels deep"), message);
    }

    @Test
    void deeplyNestedJsonLayersFailWithASentenceNotAStackOverflow() throws IOException {
        JsonObject layer = JsonParser.parseString("{\"layer\": \"flatten\"}").getAsJsonObject();
        for (int depth = 0; depth < 300; depth++) { // deeper than any model, and than Gson reads
            JsonObject outer = new JsonObject();
            outer.addProperty("layer", "residual");
            JsonArray inner = new JsonArray();
            inner.add(layer);
            outer.add("layers", inner);
            layer = outer;
        }
        JsonArray layers = new JsonArray();
        layers.add(layer);
        JsonObject architecture = new JsonObject();
        architecture.add("sequential", layers);
        String message = refused(withDescription("nested-json.djinn", json -> json.add("architecture", architecture)));
        assertTrue(message.contains("has an unreadable model.json (") && message.contains("Nesting limit"), message);
    }

    @Test
    void aMalformedEntryNameIsDamage() throws IOException {
        Path file = zip("bad-name.djinn", entries);
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (int at = text.indexOf("model.json"); at >= 0; at = text.indexOf("model.json", at + 1)) {
            bytes[at] = (byte) 0xFF; // not UTF-8
        }
        Files.write(file, bytes);
        String message = refused(file);
        assertTrue(message.contains("truncated or damaged") || message.contains("is not a Djinn model file"), message);
    }

    @Test
    void aParameterDeclaringTwoGigabytesFailsBeforeAllocatingThem() throws IOException {
        byte[] parameters = entries.get("parameters.bin").clone();
        byte[] shape = ByteBuffer.allocate(20).putInt(2).putLong(4).putLong(2).array(); // the first weight, (4, 2)
        int at = indexOf(parameters, shape);
        assertTrue(at > 0);
        ByteBuffer.wrap(parameters).putLong(at + 4, 1L << 29); // (4, 2) becomes (536870912, 2): 4 GB of floats
        Map<String, byte[]> contents = new LinkedHashMap<>(entries);
        contents.put("parameters.bin", parameters);
        String message = refused(zip("two-gigabytes.djinn", contents));
        assertTrue(message.contains("declares") && message.contains("bytes of data, but the file holds"), message);
    }

    @Test
    void anInputShapeThatContradictsTheParametersFailsAtLoad() throws IOException {
        String message = refused(withDescription("wrong-input.djinn", json -> {
            JsonArray shape = new JsonArray();
            shape.add(7);
            json.add("inputShape", shape);
        }));
        assertTrue(message.contains("parameter 1 has shape (4, 2) in the file, but the architecture for examples of shape (7) needs (4, 7)"), message);
    }

    @Test
    void aSaveRemovesTheTemporaryFilesOfKilledSavesButNotOfRunningOnes() throws IOException {
        Path target = dir.resolve("kept.djinn");
        Path killed = Files.writeString(dir.resolve(".kept.djinn12345.saving"), "half a model");
        Path running = Files.writeString(dir.resolve(".kept.djinn67890.saving"), "being written");
        try (FileChannel channel = FileChannel.open(running, StandardOpenOption.WRITE); FileLock lock = channel.lock();
             Model net = load(real)) {
            net.save(target);
            assertFalse(Files.exists(killed), "nobody held it: its save was killed");
            assertTrue(Files.exists(running), "a save in progress keeps its file");
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Sets the uncompressed size recorded for {@code name} in the zip's central directory. */
    private static void patchCentralSize(byte[] zip, String name, int size) {
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < zip.length - 46; at++) {
            if (buffer.getInt(at) == 0x02014b50) {
                int nameLength = Short.toUnsignedInt(buffer.getShort(at + 28));
                if (new String(zip, at + 46, nameLength, StandardCharsets.UTF_8).equals(name)) {
                    buffer.putInt(at + 24, size);
                }
            }
        }
    }
}
