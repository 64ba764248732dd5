package dev.djinn.dsl.text;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;

import java.util.List;

/**
 * How closely an encoder rebuilt in PyTorch with imported weights ({@code bert(encoder)}) computes what ONNX Runtime
 * computes from the file: the largest absolute difference between their mean-pooled sentence vectors. Run it on a
 * new encoder file before training on it: {@code ImportCheck.maxDifference(pretrained(onnx, tok), sentences, 64)}.
 */
public final class ImportCheck {
    private ImportCheck() {
    }

    /** The largest |PyTorch − ONNX Runtime| over every dimension of every sentence's vector. */
    public static double maxDifference(PretrainedEncoder encoder, List<String> sentences, int maxLength) {
        BertShape shape = encoder.shape();
        Tokenizer tokenizer = encoder.tokenizer(maxLength);
        List<Tokenizer.Tokens> tokens = tokenizer.encode(sentences);
        float[][] reference;
        try (OnnxEncoder onnx = OnnxEncoder.load(encoder, shape.dimension())) {
            reference = onnx.embed(tokens.stream().map(Tokenizer.Tokens::ids).toArray(long[][]::new),
                    tokens.stream().map(Tokenizer.Tokens::mask).toArray(long[][]::new));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock bert = TextBlocks.bert(shape);
            bert.initialize(manager, DataType.FLOAT32, new Shape(1, maxLength));
            encoder.weights().copyInto(bert);
            float[] features = tokenizer.features(sentences).values();
            NDList out = bert.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(features, new Shape(sentences.size(), maxLength))), false);
            float[] imported = PoolingBlock.mean(out.get(0), out.get(1)).toFloatArray();
            double worst = 0;
            for (int n = 0; n < sentences.size(); n++) {
                for (int d = 0; d < shape.dimension(); d++) {
                    worst = Math.max(worst, Math.abs(imported[n * shape.dimension() + d] - reference[n][d]));
                }
            }
            return worst;
        }
    }
}
