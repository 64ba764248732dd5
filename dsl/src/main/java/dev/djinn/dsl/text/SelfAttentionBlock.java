package dev.djinn.dsl.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.djinn.dsl.tensor.Scalars;

/**
 * Multi-head self-attention: each token's vector attends to every unmasked token of its sequence through
 * {@code heads} heads of size D / heads, scaled by 1/√(head size); padding (mask 0) gets no attention. Takes (vectors,
 * mask) or vectors alone (no padding), returns (vectors, mask) so layers after it still know the padding.
 */
public final class SelfAttentionBlock extends AbstractBlock {
    /** Added to the scores of padding: softmax then gives it weight 0 (HuggingFace uses float's minimum). */
    private static final float MASKED = -1e9f;

    private final int heads;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final Dropout dropout;

    public SelfAttentionBlock(int dimension, int heads, float dropoutRate) {
        if (dimension % heads != 0) {
            throw new IllegalArgumentException("multiHeadAttention(" + heads + "): the vectors' size " + dimension
                    + " must split into " + heads + " equal heads; pick a head count that divides it.");
        }
        this.heads = heads;
        query = addChildBlock("query", Linear.builder().setUnits(dimension).build());
        key = addChildBlock("key", Linear.builder().setUnits(dimension).build());
        value = addChildBlock("value", Linear.builder().setUnits(dimension).build());
        output = addChildBlock("output", Linear.builder().setUnits(dimension).build());
        dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
    }

    public Linear query() {
        return query;
    }

    public Linear key() {
        return key;
    }

    public Linear value() {
        return value;
    }

    public Linear output() {
        return output;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray mask = inputs.size() > 1 ? inputs.get(1) : null;
        return withMask(attend(store, x, mask, training), mask, x);
    }

    /** Token vectors with the mask they came with, or an all-ones mask when there was none (no padding). */
    static NDList withMask(NDArray vectors, NDArray mask, NDArray input) {
        return new NDList(vectors, mask != null ? mask : input.getManager().ones(input.getShape().slice(0, 2)));
    }

    /** The attention's output (N, T, D) for vectors x and mask (N, T) (null: no padding). */
    NDArray attend(ParameterStore store, NDArray x, NDArray mask, boolean training) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long length = shape.get(1);
        long size = shape.get(2) / heads;
        NDArray q = split(query.forward(store, new NDList(x), training).head(), batch, length, size);
        NDArray k = split(key.forward(store, new NDList(x), training).head(), batch, length, size);
        NDArray v = split(value.forward(store, new NDList(x), training).head(), batch, length, size);
        NDArray scores = Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), (float) Math.sqrt(size));
        if (mask != null) {
            scores = scores.add(mask.neg().add(1).mul(MASKED).reshape(batch, 1, 1, length));
        }
        NDArray weights = dropout.forward(store, new NDList(scores.softmax(-1)), training).head();
        NDArray context = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, shape.get(2));
        return output.forward(store, new NDList(context), training).head();
    }

    /** (N, T, D) to (N, heads, T, D / heads). */
    private NDArray split(NDArray x, long batch, long length, long size) {
        return x.reshape(batch, length, heads, size).transpose(0, 2, 1, 3);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0], inputs[0].slice(0, 2)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        for (Linear linear : new Linear[] {query, key, value, output}) {
            linear.initialize(manager, dataType, x);
        }
        dropout.initialize(manager, dataType, x.slice(0, 1).add(heads).addAll(x.slice(1, 2)).add(x.get(1)));
    }
}
