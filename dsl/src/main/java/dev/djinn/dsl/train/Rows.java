package dev.djinn.dsl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

/**
 * Gathers whole examples (rows along the first axis) of a data set tensor by index, for shuffled batches. DJL's
 * {@code get(indices)} is PyTorch's advanced indexing, which copies element by element; an embedding lookup into the
 * data seen as a table of flat rows is PyTorch's {@code index_select}, which copies row by row: half the time per
 * batch of 64 Fashion-MNIST images (about 50 µs of a 1 ms training step), the same values.
 */
final class Rows {
    private final NDArray table;
    private final Shape exampleShape;

    /** @param data examples along the first axis; any element type */
    Rows(NDArray data) {
        Shape shape = data.getShape();
        this.exampleShape = shape.slice(1);
        // a view of the same memory, made once per training run
        this.table = data.reshape(shape.get(0), Math.max(1, exampleShape.size()));
    }

    /** The examples at {@code indices} (int64, one dimension), in that order, in the indices' manager. */
    NDArray at(NDArray indices) {
        NDArray picked = indices.getNDArrayInternal().embedding(indices, table, SparseFormat.DENSE).singletonOrThrow();
        return picked.reshape(new Shape(indices.size()).addAll(exampleShape));
    }
}
