package dev.djinn.dsl.text;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/** The blocks a text model is made of: token embedding, encoder layers, BERT as both. */
public final class TextBlocks {
    /** BERT's dropout in its embeddings and layers while training. */
    public static final float BERT_DROPOUT = 0.1f;
    /** PyTorch's default for layers trained here (BERT checkpoints bring their own, 1e-12). */
    public static final float LAYER_NORM_EPSILON = 1e-5f;

    private TextBlocks() {
    }

    /** A BERT encoder of this shape: (ids) to (vectors, mask); its weights are imported with {@link BertWeights#copyInto}. */
    public static SequentialBlock bert(BertShape shape) {
        SequentialBlock block = new SequentialBlock();
        block.add(new TokenEmbeddingBlock(shape.vocabulary(), shape.dimension(), shape.maxLength(), shape.segmentKinds(), shape.epsilon()));
        for (int i = 0; i < shape.layers(); i++) {
            block.add(new EncoderLayerBlock(shape.dimension(), shape.heads(), shape.feedForward(), BERT_DROPOUT, shape.epsilon()));
        }
        return block;
    }

    /** {@code layers} encoder layers over (vectors, mask), as wide as the vectors they get. */
    public static Block encoder(int layers, int heads, int feedForward, float dropout) {
        return new SizedOnInput(dimension -> {
            SequentialBlock block = new SequentialBlock();
            for (int i = 0; i < layers; i++) {
                block.add(new EncoderLayerBlock(dimension, heads, feedForward, dropout, LAYER_NORM_EPSILON));
            }
            return block;
        });
    }

    /** Multi-head self-attention over (vectors, mask), as wide as the vectors it gets. */
    public static Block attention(int heads, float dropout) {
        return new SizedOnInput(dimension -> new SelfAttentionBlock(dimension, heads, dropout));
    }
}
