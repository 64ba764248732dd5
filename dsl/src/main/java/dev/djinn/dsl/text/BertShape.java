package dev.djinn.dsl.text;

/**
 * The sizes of a BERT-shaped encoder, as read from its weights: vocabulary, vector size, layers, attention heads,
 * feed-forward units, longest sequence, segment kinds and the layer normalization's epsilon.
 */
public record BertShape(int vocabulary, int dimension, int layers, int heads, int feedForward, int maxLength,
                        int segmentKinds, float epsilon) {
    public BertShape {
        if (vocabulary < 1 || dimension < 1 || layers < 1 || heads < 1 || feedForward < 1 || maxLength < 1 || dimension % heads != 0) {
            throw new IllegalArgumentException("not a BERT encoder's sizes: vocabulary " + vocabulary + ", dimension " + dimension + ", layers "
                    + layers + ", heads " + heads + ", feed-forward " + feedForward + ", max length " + maxLength);
        }
    }

    /** Weights to import: about 22.7M for all-MiniLM-L6-v2. */
    public long parameters() {
        long embeddings = (long) (vocabulary + maxLength + segmentKinds) * dimension + 2L * dimension;
        long attention = 4L * (dimension * (long) dimension + dimension) + 2L * dimension;
        long feedForwardWeights = 2L * dimension * feedForward + feedForward + dimension + 2L * dimension;
        return embeddings + layers * (attention + feedForwardWeights);
    }

    @Override
    public String toString() {
        return layers + " layers, " + dimension + " wide, " + heads + " heads, feed-forward " + feedForward + ", vocabulary " + vocabulary
                + ", up to " + maxLength + " tokens";
    }
}
