package dev.djinn.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.djinn.dsl.data.ImageDataSet;

import java.util.ArrayList;
import java.util.List;

import static dev.djinn.Djinn.fashionMnist;

/**
 * (b) Plain DJL the documented way: an ArrayDataset over the same tensors and EasyTrain.fit, the same MLP,
 * optimizer and batch size (first argument, 64 by default), for 6 epochs (second argument); warm = {@link BenchData#warm}
 * of its epochs. Only the IDX reading is Djinn's, and it is outside the timed epochs.
 */
public final class PlainDjlBench {
    public static void main(String[] args) throws Exception {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        ImageDataSet data = fashionMnist();
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("plain-djl")) {
            NDArray x = data.train().features(manager);
            NDArray y = data.train().labels(manager);
            ArrayDataset train = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(batch, true).build();
            SequentialBlock block = new SequentialBlock()
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(128).build())
                    .add(Activation::relu)
                    .add(Linear.builder().setUnits(10).build());
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                    .addEvaluator(new Accuracy());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 28, 28));
                List<Double> rates = new ArrayList<>();
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    long started = System.nanoTime();
                    EasyTrain.fit(trainer, 1, train, null);
                    rates.add(data.train().size() / ((System.nanoTime() - started) / 1e9));
                }
                NDArray tx = data.test().features(manager);
                NDArray ty = data.test().labels(manager);
                NDArray predicted = trainer.evaluate(new ai.djl.ndarray.NDList(tx)).singletonOrThrow().argMax(1);
                double accuracy = predicted.eq(ty).countNonzero().getLong() / (double) data.test().size();
                String threads = ai.djl.pytorch.jni.JniUtils.getNumThreads() == 1 ? "-1thread" : "";
                BenchData.report("plain-djl-mlp-b" + batch + threads, BenchData.warm(rates), accuracy);
            }
        }
    }
}
