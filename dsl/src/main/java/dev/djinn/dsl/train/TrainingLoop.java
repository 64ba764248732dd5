package dev.djinn.dsl.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dev.djinn.dsl.data.LabeledData;
import dev.djinn.dsl.data.Permutation;
import dev.djinn.dsl.device.OneThreadWorker;
import dev.djinn.dsl.tensor.Scalars;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ArrayList;
import java.util.stream.LongStream;

/**
 * Djinn's training loop on DJL's Trainer. The whole data set lives in one tensor; each batch is gathered from it
 * through a per-epoch shuffled index (no per-example objects). Every tensor a batch creates lives in
 * a sub-manager closed after the batch, so native memory stays flat. It checks the thread's interrupt flag between
 * batches: an interrupt stops training with the weights as they are and marks the History. With several devices,
 * each batch is split across them and the gradients summed by DJL's parameter store.
 */
public final class TrainingLoop {
    private TrainingLoop() {
    }

    /** The metrics of a run: those asked for, or accuracy for classifiers and mae for regression. */
    public static List<Metric> metrics(TrainingOptions options, LossFunction loss, int classes) {
        List<Metric> metrics = options.metrics() != null ? options.metrics()
                : List.of(loss.classifies() ? Metric.accuracy() : Metric.mae());
        metrics.forEach(metric -> metric.check(loss, classes));
        return metrics;
    }

    /** @param validatedOn what the validation columns are measured on, in words; empty without validation */
    public static History run(TrainableNetwork network, LabeledData train, LabeledData validation, String validatedOn, TrainingOptions options) {
        return PoliteInterrupts.run(() -> runPolitely(network, train, validation, validatedOn, options));
    }

    private static History runPolitely(TrainableNetwork network, LabeledData train, LabeledData validation, String validatedOn,
                                       TrainingOptions options) {
        LossFunction lossFunction = network.loss();
        List<Metric> metrics = metrics(options, lossFunction, train.classNames().size());
        options.augmentations().forEach(a -> Augmentation.check(train.exampleShape(), a));
        History history = new History();
        history.validatedOn(validation == null ? "" : validatedOn);
        options.progress().onStart(options.epochs(), history.validatedOn());
        history.notice(train.notice());
        if (!history.notice().isEmpty()) {
            options.progress().onNotice(history.notice());
        }
        Trainer trainer = network.trainer();
        Random random = new Random(options.seed());
        int size = train.size();
        network.stepsPerEpoch((size + options.batchSize() - 1) / options.batchSize());
        try (NDManager dataManager = network.manager().newSubManager()) {
            NDArray features = train.features(dataManager);
            NDArray labels = train.labels(dataManager);
            Rows featureRows = new Rows(features);
            Rows labelRows = new Rows(labels);
            // validation tensors are made once per train, not once per epoch
            NDArray validationFeatures = validation == null ? null : validation.features(dataManager);
            NDArray validationLabels = validation == null ? null : validation.labels(dataManager);
            double bestLoss = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                long started = System.nanoTime();
                double lossSum = 0;
                double[] metricSums = new double[metrics.size()];
                int seen = 0;
                try (NDManager epochManager = dataManager.newSubManager()) {
                    // batches are gathered through an index (shuffled, or in order): no per-epoch copy of the data
                    // set, whose large free would raise glibc's mmap threshold and leave RSS a step higher for good;
                    // the index is cut into the batches' views in one call, where a slice per batch goes through
                    // DJL's general indexer, whose compilation by the JIT thousands of steps in stalled an epoch
                    NDArray order = options.shuffle()
                            ? epochManager.create(Arrays.stream(Permutation.of(size, random)).asLongStream().toArray())
                            : epochManager.arange(0, size, 1, DataType.INT64);
                    NDList batchIndices = order.split(boundaries(size, options.batchSize()));
                    int batch = 0;
                    for (int start = 0; start < size; start += options.batchSize(), batch++) {
                        if (Thread.currentThread().isInterrupted() || OneThreadWorker.callerInterrupted()) {
                            history.interrupted(epoch, batch + 1);
                            options.progress().onEnd(history);
                            return history;
                        }
                        int end = Math.min(size, start + options.batchSize());
                        try (NDManager batchManager = epochManager.newSubManager()) {
                            NDArray indices = batchIndices.get(batch);
                            indices.attach(batchManager);
                            NDArray xb = featureRows.at(indices);
                            NDArray yb = labelRows.at(indices);
                            for (Augmentation augmentation : options.augmentations()) {
                                xb = augmentation.apply(xb, random);
                            }
                            float batchLoss = 0;
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                for (Part part : parts(xb, yb, network.devices())) {
                                    NDArray output = trainer.forward(new NDList(part.x())).singletonOrThrow();
                                    NDArray loss = lossFunction.evaluate(part.y(), output);
                                    float share = (float) part.size() / (end - start);
                                    batchLoss += loss.getFloat() * share;
                                    NDArray scaled = share == 1f ? loss : Scalars.mul(loss, share);
                                    NDArray penalty = part.first() ? network.l1Penalty() : null;
                                    collector.backward(penalty == null ? scaled : scaled.add(penalty));
                                    for (int m = 0; m < metrics.size(); m++) {
                                        metricSums[m] += metrics.get(m).batchSum(output, part.y(), lossFunction);
                                    }
                                }
                            }
                            if (!Float.isFinite(batchLoss)) {
                                // no step: the weights stay those of the last finite one
                                options.progress().onEnd(history);
                                throw new TrainingDivergedException(epoch, batch + 1, batchLoss, network.learningRate(), history);
                            }
                            lossSum += batchLoss * (end - start);
                            network.step();
                        }
                        seen = end;
                        double elapsed = (System.nanoTime() - started) / 1e9;
                        options.progress().onBatch(new BatchProgress(epoch, options.epochs(), seen, size,
                                lossSum / seen, means(metrics, metricSums, seen), seen / elapsed));
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double validationLoss = Double.NaN;
                Map<String, Double> validationMetrics = Map.of();
                if (validation != null) {
                    Scoring.Scores scored = Scoring.score(network, validationFeatures, validationLabels, metrics);
                    validationLoss = scored.meanLoss();
                    validationMetrics = scored.metrics();
                }
                EpochRecord record = new EpochRecord(epoch, lossSum / seen, means(metrics, metricSums, seen),
                        validationLoss, validationMetrics, network.lastLearningRate(), seconds, seen / seconds);
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

    /** Where an epoch of {@code size} examples is cut into batches: batchSize, 2 × batchSize, … below size. */
    static long[] boundaries(int size, int batchSize) {
        return LongStream.iterate(batchSize, cut -> cut < size, cut -> cut + batchSize).toArray();
    }

    static Map<String, Double> means(List<Metric> metrics, double[] sums, int count) {
        Map<String, Double> means = new LinkedHashMap<>();
        for (int m = 0; m < metrics.size(); m++) {
            means.put(metrics.get(m).name(), sums[m] / count);
        }
        return means;
    }

    /** One device's share of a batch. */
    record Part(NDArray x, NDArray y, int size, boolean first) {
    }

    /** The batch as is on one device; split in near-equal parts, one per device, on several. */
    static List<Part> parts(NDArray xb, NDArray yb, List<Device> devices) {
        int size = (int) xb.getShape().get(0);
        if (devices.size() == 1) {
            return List.of(new Part(xb, yb, size, true));
        }
        int count = Math.min(devices.size(), size);
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int from = size * i / count;
            int to = size * (i + 1) / count;
            NDIndex slice = new NDIndex().addSliceDim(from, to);
            Device device = devices.get(i);
            parts.add(new Part(xb.get(slice).toDevice(device, false), yb.get(slice).toDevice(device, false), to - from, i == 0));
        }
        return parts;
    }
}
