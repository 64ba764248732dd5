package dev.djinn.bench;

import dev.djinn.dsl.data.ImageDataSet;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.train.EpochRecord;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;

import static dev.djinn.Djinn.batchSize;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.fashionMnist;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;

/**
 * (a) The DSL, Adam 1e-3, without validation; warm = {@link BenchData#warm} of its epochs. Arguments: {@code mlp} (784-128-ReLU-10) or
 * {@code cnn} (conv2d(32,3)-ReLU-maxPool2d(2)-flatten-dense(128)-ReLU-dense(10)), batch size, epochs, training images.
 * The system property {@code bench.label} is appended to the contender's name (a run with other JVM options);
 * {@code bench.cellThread=true} trains on a thread of its own, as a notebook cell does (glibc's malloc gives the main
 * thread and the others different heaps, and their page faults differed 20-fold for the CNN).
 */
public final class DslBench {
    public static void main(String[] args) throws InterruptedException {
        if (Boolean.getBoolean("bench.cellThread")) {
            Thread cell = new Thread(() -> run(args), "cell");
            cell.start();
            cell.join();
        } else {
            run(args);
        }
    }

    private static void run(String[] args) {
        String kind = args.length > 0 ? args[0] : "mlp";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int images = args.length > 3 ? Integer.parseInt(args[3]) : 60_000;
        ImageDataSet data = fashionMnist().limit(images, 10_000);
        Model net = kind.equals("cnn")
                ? model().conv2d(32, 3).relu().maxPool2d(2).flatten().dense(128).relu().dense(10)
                : model().dense(128).relu().dense(10);
        try (net) {
            History history = net.train(data.train(), epochs(epochs), batchSize(batch), progress(ProgressListener.NONE));
            double accuracy = net.evaluate(data.test()).accuracy();
            BenchData.report("djinn-dsl-" + kind + "-b" + batch + System.getProperty("bench.label", ""),
                    BenchData.warm(history.epochs().stream().map(EpochRecord::samplesPerSecond).toList()), accuracy);
        }
    }
}
