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
        assertEquals(djinnData.resolve("tiny"), finder.find("tiny", null, ImageDataSet.FILES));
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
    void anExplicitFolderIsUsedOrRefusedNeverReplaced() throws IOException {
        Path home = dir.resolve("home");
        writeTinyDataSet(home.resolve(".djinn/data/tiny"), 3);
        DataSetFinder finder = new DataSetFinder(Map.of(), home, dir.resolve("debian"));
        String missingFolder = assertThrows(DataSetNotFoundException.class,
                () -> finder.find("tiny", Path.of("/no/such/folder"), ImageDataSet.FILES)).getMessage();
        assertTrue(missingFolder.startsWith("The folder /no/such/folder given for tiny does not exist"), missingFolder);
        Path partial = dir.resolve("partial");
        writeTinyDataSet(partial, 2);
        Files.delete(partial.resolve("t10k-labels-idx1-ubyte.gz"));
        String missingFile = assertThrows(DataSetNotFoundException.class,
                () -> ImageDataSet.load("tiny", partial, List.of("a", "b", "c"), finder)).getMessage();
        assertTrue(missingFile.contains("lacks t10k-labels-idx1-ubyte (each may end in .gz)"), missingFile);
    }

    @Test
    void dimensionsThatOverflowAreRefusedNotReadAsEmpty() throws IOException {
        Path file = writeIdx(dir.resolve("huge-idx3-ubyte"), new int[] {16, 1 << 30, 1 << 30}, new byte[8], false);
        String message = assertThrows(IdxFormatException.class, () -> IdxReader.read(file)).getMessage();
        assertTrue(message.contains("declares 16×1073741824×1073741824 values, more than one array can hold"), message);
    }

    @Test
    void aHeaderDeclaringMoreThanTheFileHoldsFailsBeforeAllocating() throws IOException {
        Path file = writeIdx(dir.resolve("liar-idx3-ubyte"), new int[] {2_500_000, 28, 28}, new byte[100], false);
        String message = assertThrows(IdxFormatException.class, () -> IdxReader.read(file)).getMessage();
        assertTrue(message.contains("declares 2500000×28×28 = 1960000000 bytes of data but the file is only 116 bytes"), message);
    }

    @Test
    void aGzipCutInHalfIsTruncatedDataNotAHeader() throws IOException {
        byte[] pixels = new byte[40_000];
        new java.util.Random(1).nextBytes(pixels);
        Path whole = writeIdx(dir.resolve("whole-idx3-ubyte.gz"), new int[] {100, 20, 20}, pixels, true);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut-idx3-ubyte.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        String message = assertThrows(IdxFormatException.class, () -> IdxReader.read(cut)).getMessage();
        assertTrue(message.contains("is truncated: its compressed data ends before the 40000 bytes its header declares"), message);
    }

    @Test
    void labelsOutsideTheClassesAreRefusedWithTheirRow() throws IOException {
        Path folder = dir.resolve("bad-labels");
        writeTinyDataSet(folder, 4);
        writeIdx(folder.resolve("train-labels-idx1-ubyte"), new int[] {4}, new byte[] {0, 1, (byte) 255, 2}, false);
        String message = assertThrows(IdxFormatException.class,
                () -> ImageDataSet.load("tiny", folder, List.of("a", "b", "c"), DataSetFinder.standard())).getMessage();
        assertTrue(message.contains("has label 255 at row 2, outside the 3 classes 0 to 2"), message);
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
