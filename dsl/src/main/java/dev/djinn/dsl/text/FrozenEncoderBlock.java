package dev.djinn.dsl.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pretrained encoder run by ONNX Runtime inside a PyTorch model: token ids (N, T) with -1 for padding in, one
 * mean-pooled vector per text (N, D) out, no weights to train. A frozen encoder gives a text the same vector every
 * epoch, so vectors are kept (up to {@value #REMEMBERED} texts) and later epochs only train the head.
 */
public final class FrozenEncoderBlock extends AbstractBlock {
    static final int REMEMBERED = 50_000;
    /** One ONNX Runtime session per file, shared by every block (and model) that runs it. */
    private static final Map<String, OnnxEncoder> SESSIONS = new ConcurrentHashMap<>();

    private final PretrainedEncoder encoder;
    private final int dimension;
    private final Map<Row, float[]> remembered = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Row, float[]> eldest) {
            return size() > REMEMBERED;
        }
    };

    public FrozenEncoderBlock(PretrainedEncoder encoder, int dimension) {
        this.encoder = encoder;
        this.dimension = dimension;
    }

    private record Row(float[] ids) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Row row && Arrays.equals(ids, row.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        int batch = (int) ids.getShape().get(0);
        int length = (int) ids.getShape().get(1);
        float[] flat = ids.toFloatArray();
        float[] out = new float[batch * dimension];
        int[] missing = new int[batch];
        int missingCount = 0;
        synchronized (remembered) {
            for (int n = 0; n < batch; n++) {
                float[] vector = remembered.get(new Row(Arrays.copyOfRange(flat, n * length, (n + 1) * length)));
                if (vector == null) {
                    missing[missingCount++] = n;
                } else {
                    System.arraycopy(vector, 0, out, n * dimension, dimension);
                }
            }
        }
        if (missingCount > 0) {
            long[][] tokenIds = new long[missingCount][length];
            long[][] mask = new long[missingCount][length];
            for (int i = 0; i < missingCount; i++) {
                for (int t = 0; t < length; t++) {
                    float id = flat[missing[i] * length + t];
                    tokenIds[i][t] = id < 0 ? 0 : (long) id;
                    mask[i][t] = id < 0 ? 0 : 1;
                }
            }
            float[][] vectors = session().embed(tokenIds, mask);
            synchronized (remembered) {
                for (int i = 0; i < missingCount; i++) {
                    int n = missing[i];
                    System.arraycopy(vectors[i], 0, out, n * dimension, dimension);
                    remembered.put(new Row(Arrays.copyOfRange(flat, n * length, (n + 1) * length)), vectors[i]);
                }
            }
        }
        return new NDList(ids.getManager().create(out, new Shape(batch, dimension)));
    }

    private OnnxEncoder session() {
        return SESSIONS.computeIfAbsent(encoder.onnxFile(), file -> OnnxEncoder.load(encoder, dimension));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), dimension)};
    }
}
