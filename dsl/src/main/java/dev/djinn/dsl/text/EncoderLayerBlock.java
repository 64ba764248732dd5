package dev.djinn.dsl.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One transformer encoder layer as BERT has it (normalization after each residual sum): self-attention, add and
 * layer-normalize, a GELU feed-forward of {@code feedForward} units, add and layer-normalize. (vectors, mask) in and out.
 */
public final class EncoderLayerBlock extends AbstractBlock {
    private final SelfAttentionBlock attention;
    private final LayerNorm attentionNorm;
    private final Linear intermediate;
    private final Linear output;
    private final LayerNorm outputNorm;
    private final Dropout dropout;

    public EncoderLayerBlock(int dimension, int heads, int feedForward, float dropoutRate, float epsilon) {
        attention = addChildBlock("attention", new SelfAttentionBlock(dimension, heads, dropoutRate));
        attentionNorm = addChildBlock("attentionNorm", LayerNorm.builder().axis(2).optEpsilon(epsilon).build());
        intermediate = addChildBlock("intermediate", Linear.builder().setUnits(feedForward).build());
        output = addChildBlock("output", Linear.builder().setUnits(dimension).build());
        outputNorm = addChildBlock("outputNorm", LayerNorm.builder().axis(2).optEpsilon(epsilon).build());
        dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
    }

    public SelfAttentionBlock attention() {
        return attention;
    }

    public LayerNorm attentionNorm() {
        return attentionNorm;
    }

    public Linear intermediate() {
        return intermediate;
    }

    public Linear output() {
        return output;
    }

    public LayerNorm outputNorm() {
        return outputNorm;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray mask = inputs.size() > 1 ? inputs.get(1) : null;
        NDArray attended = drop(store, attention.attend(store, x, mask, training), training);
        NDArray h = attentionNorm.forward(store, new NDList(attended.add(x)), training).head();
        NDArray inner = Activation.gelu(intermediate.forward(store, new NDList(h), training).head());
        NDArray out = drop(store, output.forward(store, new NDList(inner), training).head(), training);
        NDArray result = outputNorm.forward(store, new NDList(out.add(h)), training).head();
        return SelfAttentionBlock.withMask(result, mask, x);
    }

    private NDArray drop(ParameterStore store, NDArray x, boolean training) {
        return dropout.forward(store, new NDList(x), training).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0], inputs[0].slice(0, 2)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        attention.initialize(manager, dataType, x, x.slice(0, 2));
        attentionNorm.initialize(manager, dataType, x);
        intermediate.initialize(manager, dataType, x);
        Shape inner = intermediate.getOutputShapes(new Shape[] {x})[0];
        output.initialize(manager, dataType, inner);
        outputNorm.initialize(manager, dataType, x);
        dropout.initialize(manager, dataType, x);
    }
}
