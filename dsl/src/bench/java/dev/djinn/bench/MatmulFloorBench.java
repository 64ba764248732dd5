package dev.djinn.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

import java.util.Arrays;

/**
 * The fastest an MLP 784-128-ReLU-10 training step at batch 64 could run through this libtorch: its five matrix
 * products alone (forward X·W1ᵀ and H·W2ᵀ; backward dZ2ᵀ·H, dZ2·W2 and dZ1ᵀ·X, the input needing no gradient), nothing
 * else: no activation, loss, gather or optimizer, no Java. Reported as samples/s at the better of one and two PyTorch
 * threads (median of rounds), so that a throughput target for the whole step can be checked against it.
 */
public final class MatmulFloorBench {
    private static final int BATCH = 64;

    public static void main(String[] args) {
        double best = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomUniform(0, 1, new Shape(BATCH, 784));
            NDArray w1 = manager.randomUniform(-0.05f, 0.05f, new Shape(128, 784));
            NDArray w2 = manager.randomUniform(-0.1f, 0.1f, new Shape(10, 128));
            NDArray h = manager.randomUniform(0, 1, new Shape(BATCH, 128));
            NDArray dz2 = manager.randomUniform(-0.1f, 0.1f, new Shape(BATCH, 10));
            NDArray dz1 = manager.randomUniform(-0.1f, 0.1f, new Shape(BATCH, 128));
            // transposes as views, as autograd hands them to the BLAS
            NDArray w1t = w1.transpose();
            NDArray w2t = w2.transpose();
            NDArray dz2t = dz2.transpose();
            NDArray dz1t = dz1.transpose();
            for (int threads : new int[]{1, 2}) {
                JniUtils.setNumThreads(threads);
                int steps = 2_000;
                double[] rounds = new double[7];
                for (int round = 0; round < rounds.length; round++) {
                    long started = System.nanoTime();
                    for (int i = 0; i < steps; i++) {
                        try (NDArray a = x.matMul(w1t); NDArray b = h.matMul(w2t); NDArray c = dz2t.matMul(h);
                             NDArray d = dz2.matMul(w2); NDArray e = dz1t.matMul(x)) {
                            e.getShape();
                        }
                    }
                    rounds[round] = (double) steps * BATCH / ((System.nanoTime() - started) / 1e9);
                }
                Arrays.sort(rounds);
                double median = rounds[rounds.length / 2];
                System.out.printf("matmuls of an MLP b64 step, %d thread(s): %.0f samples/s (%.1f µs a step)%n",
                        threads, median, 1e6 * BATCH / median);
                best = Math.max(best, median);
            }
        }
        System.out.printf("RESULT matmul-floor-mlp-b64 samples_per_s=%.0f accuracy=0 peak_rss_kb=%d%n", best, BenchData.peakRssKilobytes());
    }
}
