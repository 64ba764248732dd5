package dev.djinn.dsl.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/** Examples with integer class labels, as the training loop takes them: one tensor of features, one of labels. */
public interface LabeledData {
    int size();

    /** The shape of one example, without the batch dimension: (28, 28) for MNIST images. */
    Shape exampleShape();

    /** All examples as one float tensor of shape (size, exampleShape...), owned by {@code manager}. */
    NDArray features(NDManager manager);

    /** All labels as one int64 tensor of shape (size). */
    NDArray labels(NDManager manager);

    /** Class names by label; "0", "1", … when the data has none. */
    List<String> classNames();

    /** The examples at {@code indices}, in that order (a copy). */
    LabeledData select(int[] indices);
}
