package dev.djinn.dsl.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One vector per sequence from (vectors (N, T, D), mask (N, T)): the first token's ([CLS]) or the mean over the tokens
 * the mask keeps, so padding never changes it. Without a mask every position counts.
 */
public final class PoolingBlock extends AbstractBlock {
    /** Which vector stands for the sequence. */
    public enum Kind { CLS, MEAN }

    private final Kind kind;

    public PoolingBlock(Kind kind) {
        this.kind = kind;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        if (kind == Kind.CLS) {
            return new NDList(x.get(":, 0, :"));
        }
        return new NDList(inputs.size() > 1 ? mean(x, inputs.get(1)) : x.mean(new int[] {1}));
    }

    /** The mean of x's vectors over the positions where mask is 1 (sentence-transformers' mean pooling). */
    public static NDArray mean(NDArray x, NDArray mask) {
        NDArray weights = mask.expandDims(-1);
        return x.mul(weights).sum(new int[] {1}).div(weights.sum(new int[] {1}).maximum(1e-9f));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape x = inputs[0];
        return new Shape[] {new Shape(x.get(0), x.get(x.dimension() - 1))};
    }
}
