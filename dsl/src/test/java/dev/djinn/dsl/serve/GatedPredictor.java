package dev.djinn.dsl.serve;

import ai.djl.ndarray.types.Shape;
import dev.djinn.dsl.data.InputEncoding;
import dev.djinn.dsl.train.LossFunction;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A real model's predictor whose forward passes wait at a gate the test opens, and which records each pass's batch
 * size: it lets a test hold requests in flight (to fill the queue, join a batch, or stop the server under them).
 */
final class GatedPredictor implements Predictor {
    private final Predictor model;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final Semaphore entered = new Semaphore(0);
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

    GatedPredictor(Predictor model) {
        this.model = model;
    }

    void open() {
        gate.countDown();
    }

    /** Waits until a forward pass is held at the gate. */
    void awaitPassAtGate() throws InterruptedException {
        if (!entered.tryAcquire(20, TimeUnit.SECONDS)) {
            throw new AssertionError("no forward pass reached the gate");
        }
    }

    @Override
    public float[][] predictRows(float[] rows, int count) {
        batchSizes.add(count);
        entered.release();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return model.predictRows(rows, count);
    }

    @Override
    public InputEncoding encoding() {
        return model.encoding();
    }

    @Override
    public Shape exampleShape() {
        return model.exampleShape();
    }

    @Override
    public float[] encodeTexts(List<String> texts) {
        return model.encodeTexts(texts);
    }

    @Override
    public float[] encodeRecords(List<Map<String, Object>> records) {
        return model.encodeRecords(records);
    }

    @Override
    public LossFunction lossFunction() {
        return model.lossFunction();
    }

    @Override
    public List<String> classNames() {
        return model.classNames();
    }

    @Override
    public String describe() {
        return model.describe();
    }
}
