package dev.djinn.dsl.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * Examples and their targets, as the training loop takes them: one tensor of features and one of targets. Targets
 * are class labels (int64, one per example) or numeric values (float32, {@link #targetWidth()} per example).
 */
public interface LabeledData {
    int size();

    /** The shape of one example, without the batch dimension: (28, 28) for MNIST images. */
    Shape exampleShape();

    /** All examples as one float tensor of shape (size, exampleShape...), owned by {@code manager}. */
    NDArray features(NDManager manager);

    /** All targets: int64 class labels of shape (size), or float32 values of shape (size, targetWidth). */
    NDArray labels(NDManager manager);

    /** Class names by label ("0", "1", … when the data has none); empty for numeric targets. */
    List<String> classNames();

    /** Whether the targets are class labels (else numeric values, for regression). */
    default boolean hasClassLabels() {
        return true;
    }

    /** Values per target: 1 for class labels. */
    default long targetWidth() {
        return 1;
    }

    /** How raw inputs (a table's rows, an image) become this data's features; the model keeps it for predict. */
    default InputEncoding encoding() {
        return InputEncoding.NONE;
    }

    /** What training should say once about this data (texts cut at maxLength), or empty. */
    default String notice() {
        return "";
    }

    /** The examples at {@code indices}, in that order (a copy). */
    LabeledData select(int[] indices);
}
