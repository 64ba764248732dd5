package dev.djinn.dsl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** What scoring needs of a network: its output for a batch in inference mode, its loss, and where data goes. */
public interface ScoredNetwork {
    /** The raw output (logits, values) for a batch, dropout off. */
    NDArray forward(NDArray batch);

    LossFunction loss();

    /** The manager whose sub-managers hold the data being scored. */
    NDManager manager();
}
