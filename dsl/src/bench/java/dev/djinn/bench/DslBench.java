package dev.djinn.bench;

import dev.djinn.dsl.data.ImageDataSet;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;

import static dev.djinn.Djinn.batchSize;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.fashionMnist;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;

/** (a) The DSL: 784-128-ReLU-10, Adam 1e-3, batch 64; warm epoch = the last of three, without validation. */
public final class DslBench {
    public static void main(String[] args) {
        ImageDataSet data = fashionMnist();
        try (Model net = model().dense(128).relu().dense(10)) {
            History history = net.train(data.train(), epochs(3), batchSize(64), progress(ProgressListener.NONE));
            double accuracy = net.evaluate(data.test()).accuracy();
            BenchData.report("djinn-dsl", history.last().samplesPerSecond(), accuracy);
        }
    }
}
