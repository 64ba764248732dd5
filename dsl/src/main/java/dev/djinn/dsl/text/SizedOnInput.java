package dev.djinn.dsl.text;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.function.IntFunction;

/**
 * A block whose sizes follow its input's vector size, known only when it is built: attention and encoder layers are
 * made for the width of the vectors they receive (as a dense layer takes its input width from the data).
 */
public final class SizedOnInput extends AbstractBlock {
    private final IntFunction<Block> factory;
    private Block inner;

    public SizedOnInput(IntFunction<Block> factory) {
        this.factory = factory;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return inner.forward(store, inputs, training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return inner(inputs).getOutputShapes(inputs);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        inner(inputShapes).initialize(manager, dataType, inputShapes);
    }

    private Block inner(Shape[] inputs) {
        if (inner == null) {
            Shape vectors = inputs[0];
            if (vectors.dimension() != 3) {
                throw new IllegalArgumentException("it takes token vectors (batch, tokens, size), got " + vectors
                        + "; put an embedding(vocabulary, size, maxLength) or bert(...) before it");
            }
            inner = addChildBlock("layers", factory.apply((int) vectors.get(2)));
        }
        return inner;
    }
}
