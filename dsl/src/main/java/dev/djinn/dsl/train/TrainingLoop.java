package dev.djinn.dsl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dev.djinn.dsl.data.LabeledData;
import dev.djinn.dsl.data.Permutation;
import dev.djinn.dsl.model.Network;

import java.util.Arrays;
import java.util.Random;

/**
 * Djinn's training loop on DJL's Trainer. The whole data set lives in one tensor; each batch is gathered from it
 * through a per-epoch shuffled index (no per-example objects). Every tensor a batch creates lives in
 * a sub-manager closed after the batch, so native memory stays flat. It checks the thread's interrupt flag between
 * batches: an interrupt stops training with the weights as they are and marks the History.
 */
public final class TrainingLoop {
    private TrainingLoop() {
    }

    public static History run(Network network, LabeledData train, LabeledData validation, TrainingOptions options) {
        History history = new History();
        Trainer trainer = network.trainer();
        Random random = new Random(options.seed());
        try (NDManager dataManager = network.manager().newSubManager()) {
            NDArray features = train.features(dataManager);
            NDArray labels = train.labels(dataManager);
            // validation tensors are made once per train, not once per epoch
            NDArray validationFeatures = validation == null ? null : validation.features(dataManager);
            NDArray validationLabels = validation == null ? null : validation.labels(dataManager);
            int size = train.size();
            double bestLoss = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                long started = System.nanoTime();
                double lossSum = 0;
                long correct = 0;
                int seen = 0;
                try (NDManager epochManager = dataManager.newSubManager()) {
                    // batches are gathered through a shuffled index: no per-epoch copy of the data set, whose
                    // large free would raise glibc's mmap threshold and leave RSS a step higher for good
                    NDArray order = options.shuffle()
                            ? epochManager.create(Arrays.stream(Permutation.of(size, random)).asLongStream().toArray()) : null;
                    int batch = 0;
                    for (int start = 0; start < size; start += options.batchSize(), batch++) {
                        if (Thread.currentThread().isInterrupted()) {
                            history.interrupted(epoch, batch + 1);
                            options.progress().onEnd(history);
                            return history;
                        }
                        int end = Math.min(size, start + options.batchSize());
                        try (NDManager batchManager = epochManager.newSubManager()) {
                            NDArray xb;
                            NDArray yb;
                            if (order != null) {
                                NDArray indices = order.get(new NDIndex().addSliceDim(start, end));
                                indices.attach(batchManager);
                                xb = features.get(indices);
                                yb = labels.get(indices);
                            } else {
                                xb = features.get(new NDIndex().addSliceDim(start, end));
                                yb = labels.get(new NDIndex().addSliceDim(start, end));
                            }
                            xb.attach(batchManager);
                            yb.attach(batchManager);
                            float batchLoss;
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDArray logits = trainer.forward(new NDList(xb)).singletonOrThrow();
                                NDArray loss = network.loss().evaluate(new NDList(yb), new NDList(logits));
                                collector.backward(loss);
                                batchLoss = loss.getFloat();
                                correct += logits.argMax(1).eq(yb).countNonzero().getLong();
                            }
                            if (!Float.isFinite(batchLoss)) {
                                // no step: the weights stay those of the last finite one
                                options.progress().onEnd(history);
                                throw new TrainingDivergedException(epoch, batch + 1, batchLoss, network.learningRate(), history);
                            }
                            lossSum += batchLoss * (end - start);
                            trainer.step();
                        }
                        seen = end;
                        double elapsed = (System.nanoTime() - started) / 1e9;
                        options.progress().onBatch(new BatchProgress(epoch, options.epochs(), seen, size,
                                lossSum / seen, (double) correct / seen, seen / elapsed));
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double validationLoss = Double.NaN;
                double validationAccuracy = Double.NaN;
                if (validation != null) {
                    Scoring.Predictions scored = Scoring.predict(network, validationFeatures, validationLabels);
                    validationLoss = scored.meanLoss();
                    validationAccuracy = scored.accuracy();
                }
                EpochRecord record = new EpochRecord(epoch, lossSum / seen, (double) correct / seen,
                        validationLoss, validationAccuracy, seconds, seen / seconds);
                history.add(record);
                options.progress().onEpoch(record, options.epochs());
                if (options.patience() > 0) {
                    if (record.monitoredLoss() < bestLoss) {
                        bestLoss = record.monitoredLoss();
                        bestEpoch = epoch;
                        network.snapshotWeights();
                    } else if (epoch - bestEpoch >= options.patience()) {
                        network.restoreWeights();
                        history.stoppedEarly(bestEpoch, options.patience());
                        break;
                    }
                }
            }
        }
        options.progress().onEnd(history);
        return history;
    }
}
