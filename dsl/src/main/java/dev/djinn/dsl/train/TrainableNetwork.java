package dev.djinn.dsl.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.Trainer;

import java.util.List;

/**
 * What the training loop and scoring need of a built network: its trainer and loss, the steps of the optimizer and
 * its schedule, and the weights to snapshot for early stopping. {@link TrainingSession} is it; the loop and
 * scoring see only this.
 */
public interface TrainableNetwork extends ScoredNetwork {
    Trainer trainer();

    /** Through the trainer, which spreads a batch over the training devices. */
    @Override
    default NDArray forward(NDArray batch) {
        return trainer().evaluate(new NDList(batch)).singletonOrThrow();
    }

    List<Device> devices();

    /** The learning rate the next step will use. */
    float learningRate();

    /** The learning rate the last step used. */
    float lastLearningRate();

    /** Tells the schedule how many steps make an epoch. */
    void stepsPerEpoch(int steps);

    /** Updates the weights from the gradients collected, and counts the step. */
    void step();

    /** The L1 penalty to add to the loss, or null without L1 regularization. */
    NDArray l1Penalty();

    void snapshotWeights();

    void restoreWeights();
}
