package dev.djinn.dsl.text;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A pretrained encoder run by ONNX Runtime (DJL's OnnxRuntime engine) for inference only: token ids and masks in,
 * one mean-pooled vector per text out (sentence-transformers' pooling). What {@code frozenEncoder(...)} computes, and
 * the reference the imported PyTorch encoder is checked against.
 */
public final class OnnxEncoder implements AutoCloseable {
    private static final String ENGINE = "OnnxRuntime";

    private final Model model;
    private final Predictor<NDList, NDList> predictor;
    private final int dimension;

    private OnnxEncoder(Model model, int dimension) {
        this.model = model;
        this.predictor = model.newPredictor(new NoopTranslator());
        this.dimension = dimension;
    }

    /** Loads the encoder's ONNX file into ONNX Runtime on the CPU. */
    public static OnnxEncoder load(PretrainedEncoder encoder, int dimension) {
        Path file = encoder.onnxPath();
        Model model = Model.newInstance(encoder.name(), Device.cpu(), ENGINE);
        try {
            model.load(file.getParent(), file.getFileName().toString());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalStateException("ONNX Runtime cannot load " + file + ": " + e.getMessage(), e);
        }
        return new OnnxEncoder(model, dimension);
    }

    public int dimension() {
        return dimension;
    }

    /** The token vectors (N, T, D) for ids and mask given as (N, T) int64 rows. */
    private float[] tokenVectors(long[][] ids, long[][] mask) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList output = run(manager, ids, mask);
            return output.get(0).toFloatArray();
        }
    }

    /** One mean-pooled vector per text. */
    public synchronized float[][] embed(long[][] ids, long[][] mask) {
        float[] vectors = tokenVectors(ids, mask);
        int length = ids[0].length;
        float[][] pooled = new float[ids.length][dimension];
        for (int n = 0; n < ids.length; n++) {
            int count = 0;
            for (int t = 0; t < length; t++) {
                if (mask[n][t] == 0) {
                    continue;
                }
                count++;
                int offset = (n * length + t) * dimension;
                for (int d = 0; d < dimension; d++) {
                    pooled[n][d] += vectors[offset + d];
                }
            }
            for (int d = 0; d < dimension; d++) {
                pooled[n][d] /= Math.max(count, 1);
            }
        }
        return pooled;
    }

    private NDList run(NDManager manager, long[][] ids, long[][] mask) {
        NDArray idArray = manager.create(ids);
        idArray.setName("input_ids");
        NDArray maskArray = manager.create(mask);
        maskArray.setName("attention_mask");
        NDArray types = manager.zeros(idArray.getShape(), idArray.getDataType());
        types.setName("token_type_ids");
        try {
            return predictor.predict(new NDList(idArray, maskArray, types));
        } catch (TranslateException e) {
            throw new IllegalStateException("ONNX Runtime could not run the encoder: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
