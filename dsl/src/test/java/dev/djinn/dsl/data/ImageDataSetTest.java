package dev.djinn.dsl.data;

import dev.djinn.Djinn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDataSetTest {
    @TempDir
    Path dir;

    /** Writes an IDX file of unsigned bytes: magic 0x000008NN, the dimensions, then the data (maybe cut short). */
    static Path writeIdx(Path file, int[] dimensions, byte[] data, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw)) {
            out.writeInt(0x0800 | dimensions.length);
            for (int dimension : dimensions) {
                out.writeInt(dimension);
            }
            out.write(data);
        }
        return file;
    }

    static void writeTinyDataSet(Path folder, int trainImages) throws IOException {
        Files.createDirectories(folder);
        byte[] pixels = new byte[trainImages * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        byte[] labels = new byte[trainImages];
        for (int i = 0; i < trainImages; i++) {
            labels[i] = (byte) (i % 3);
        }
        writeIdx(folder.resolve("train-images-idx3-ubyte.gz"), new int[] {trainImages, 2, 2}, pixels, true);
        writeIdx(folder.resolve("train-labels-idx1-ubyte"), new int[] {trainImages}, labels, false);
        writeIdx(folder.resolve("t10k-images-idx3-ubyte"), new int[] {1, 2, 2}, new byte[] {1, 2, 3, (byte) 255}, false);
        writeIdx(folder.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {1}, new byte[] {2}, true);
    }

    @Test
    void fashionMnistLoadsFromDebiansPackage() {
        ImageDataSet data = Djinn.fashionMnist();
        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        assertEquals(28, data.train().rows());
        assertEquals(28, data.train().cols());
        int[] perClass = new int[10];
        Arrays.fill(perClass, 6_000);
        assertArrayEquals(perClass, data.train().labelCounts());
        assertEquals("Ankle boot", data.classNames().get(9));
        assertEquals(9, data.train().label(0), "the first training image of Fashion-MNIST is an ankle boot");
        assertTrue(data.toString().startsWith("fashion-mnist: 60000 train and 10000 test images 28×28, 10 classes (T-shirt/top,"));
    }

    @Test
    void plainAndGzippedFilesReadTheSame() throws IOException {
        Path folder = dir.resolve("tiny");
        writeTinyDataSet(folder, 5);
        ImageDataSet data = ImageDataSet.load("tiny", folder, List.of("a", "b", "c"), DataSetFinder.standard());
        assertEquals(5, data.train().size());
        assertEquals(14, data.train().pixel(0, 1, 0));
        assertEquals(255, data.test().pixel(0, 1, 1), "pixels are unsigned");
        assertEquals(2, data.test().label(0));
        assertEquals(2, data.limit(2, 1).train().size());
    }

    @Test
    void theLookupOrderIsExplicitThenDjinnDataThenHomeThenDebian() throws IOException {
        Path explicit = dir.resolve("explicit");
        Path djinnData = dir.resolve("data");
        Path home = dir.resolve("home");
        Path debian = dir.resolve("debian");
        DataSetFinder finder = new DataSetFinder(Map.of("DJINN_DATA", djinnData.toString()), home, debian);
        assertEquals(List.of(explicit, djinnData.resolve("tiny"), home.resolve(".djinn/data/tiny"), debian.resolve("tiny")),
                finder.candidates("tiny", explicit));
        writeTinyDataSet(debian.resolve("tiny"), 2);
        assertEquals(debian.resolve("tiny"), finder.find("tiny", null, ImageDataSet.FILES));
        writeTinyDataSet(home.resolve(".djinn/data/tiny"), 3);
        assertEquals(home.resolve(".djinn/data/tiny"), finder.find("tiny", null, ImageDataSet.FILES));
        writeTinyDataSet(djinnData.resolve("tiny"), 4);
        assertEquals(djinnData.resolve("tiny"), finder.find("tiny", explicit, ImageDataSet.FILES), "an empty explicit folder is skipped");
        writeTinyDataSet(explicit, 5);
        assertEquals(explicit, finder.find("tiny", explicit, ImageDataSet.FILES));
    }

    @Test
    void aMissingDataSetSaysWhereDjinnLookedAndWhatToDo() {
        DataSetFinder finder = new DataSetFinder(Map.of(), dir.resolve("home"), dir.resolve("debian"));
        DataSetNotFoundException error = assertThrows(DataSetNotFoundException.class,
                () -> ImageDataSet.load("fashion-mnist", null, Djinn.FASHION_MNIST_CLASSES, finder));
        String message = error.getMessage();
        assertTrue(message.startsWith("The fashion-mnist data set was not found."), message);
        assertTrue(message.contains(dir.resolve("home/.djinn/data/fashion-mnist").toString()), message);
        assertTrue(message.contains(dir.resolve("debian/fashion-mnist").toString()), message);
        assertTrue(message.contains("fashionMnist(Path.of(\"...\"))"), message);
        assertTrue(message.contains("sudo apt-get install dataset-fashion-mnist"), message);
        assertTrue(message.contains("The online download through DJL is off (ai.djl.offline=true"), "tests run offline: " + message);
    }

    @Test
    void aFileWithTheWrongMagicNumberIsRejectedWithItsName() throws IOException {
        Path file = dir.resolve("labels.idx");
        Files.write(file, new byte[] {0x1f, 0x00, 0x08, 0x03, 0, 0, 0, 1});
        IdxFormatException error = assertThrows(IdxFormatException.class, () -> IdxReader.read(file));
        assertTrue(error.getMessage().contains("magic number is 0x1F000803"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void aTruncatedFileSaysHowMuchIsMissing() throws IOException {
        Path file = writeIdx(dir.resolve("short-idx3-ubyte.gz"), new int[] {10, 2, 2}, new byte[25], true);
        IdxFormatException error = assertThrows(IdxFormatException.class, () -> IdxReader.read(file));
        assertEquals(file + " is truncated: its header promises 40 bytes of data but it holds 25. Download it again.",
                error.getMessage());
        Path headerOnly = dir.resolve("header-only");
        Files.write(headerOnly, new byte[] {0, 0, 8, 3, 0, 0});
        assertTrue(assertThrows(IdxFormatException.class, () -> IdxReader.read(headerOnly)).getMessage().contains("ends inside its header"));
    }

    @Test
    void imagesAndLabelsThatDoNotBelongTogetherAreRejected() throws IOException {
        Path images = writeIdx(dir.resolve("i"), new int[] {3, 2, 2}, new byte[12], false);
        Path labels = writeIdx(dir.resolve("l"), new int[] {2}, new byte[2], false);
        IdxFormatException error = assertThrows(IdxFormatException.class, () -> ImageSplit.read(images, labels));
        assertTrue(error.getMessage().contains("holds 3 images but"), error.getMessage());
    }
}
