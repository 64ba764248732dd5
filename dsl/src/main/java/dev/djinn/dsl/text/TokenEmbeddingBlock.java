package dev.djinn.dsl.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Token ids to vectors, BERT's way: a learned vector per token, plus one per position, plus the first segment's
 * vector (when the model has segments), layer-normalized. Its input is (N, T) ids as floats with -1 where a sequence
 * is padded; its output is the vectors (N, T, D) and the attention mask (N, T), 1 for tokens and 0 for padding, which
 * the encoder layers and the pooling after it read.
 */
public final class TokenEmbeddingBlock extends AbstractBlock {
    private final Parameter tokens;
    private final Parameter positions;
    private final Parameter segments;
    private final LayerNorm norm;
    private final int maxLength;

    /** {@code segmentKinds} 0 for none; BERT checkpoints have 2. */
    public TokenEmbeddingBlock(int vocabulary, int dimension, int maxLength, int segmentKinds, float epsilon) {
        this.maxLength = maxLength;
        tokens = addParameter(Parameter.builder().setName("tokens").setType(Parameter.Type.WEIGHT).optShape(new Shape(vocabulary, dimension)).build());
        positions = addParameter(Parameter.builder().setName("positions").setType(Parameter.Type.WEIGHT).optShape(new Shape(maxLength, dimension)).build());
        segments = segmentKinds > 0
                ? addParameter(Parameter.builder().setName("segments").setType(Parameter.Type.WEIGHT).optShape(new Shape(segmentKinds, dimension)).build())
                : null;
        norm = addChildBlock("norm", LayerNorm.builder().axis(2).optEpsilon(epsilon).build());
    }

    public Parameter tokens() {
        return tokens;
    }

    public Parameter positions() {
        return positions;
    }

    public Parameter segments() {
        return segments;
    }

    public LayerNorm norm() {
        return norm;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        long length = ids.getShape().get(1);
        if (length > maxLength) {
            throw new IllegalArgumentException("This text model takes at most " + maxLength + " tokens per text, got " + length
                    + ": tokenize with maxLength(" + maxLength + ") or less.");
        }
        NDArray mask = ids.gte(0).toType(DataType.FLOAT32, false);
        NDArray index = ids.maximum(0).toType(DataType.INT64, false);
        NDArrayEx ex = ids.getNDArrayInternal();
        NDArray tokenTable = store.getValue(tokens, ids.getDevice(), training);
        NDArray vectors = ex.embedding(index, tokenTable, SparseFormat.DENSE).get(0);
        NDArray positionTable = store.getValue(positions, ids.getDevice(), training);
        vectors = vectors.add(positionTable.get("0:" + length));
        if (segments != null) {
            vectors = vectors.add(store.getValue(segments, ids.getDevice(), training).get(0));
        }
        NDArray normed = norm.forward(store, new NDList(vectors), training).head();
        return new NDList(normed, mask);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape ids = inputs[0];
        return new Shape[] {ids.add(dimension()), ids};
    }

    private long dimension() {
        return positions.getShape().get(1);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, inputShapes[0].add(dimension()));
    }
}
