package dev.djinn.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The practical arithmetic ceiling of this machine through the libtorch Djinn trains with: FP32 matrix products of a
 * few shapes (the MLP's at batch 256, and square ones), the best GFLOP/s of each over repeated runs, the best of all.
 */
public final class GemmBench {
    public static void main(String[] args) {
        long[][] shapes = {{256, 784, 128}, {512, 512, 512}, {1024, 1024, 1024}};
        double best = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (long[] mnk : shapes) {
                NDArray a = manager.randomUniform(0, 1, new Shape(mnk[0], mnk[1]));
                NDArray b = manager.randomUniform(0, 1, new Shape(mnk[1], mnk[2]));
                double flops = 2.0 * mnk[0] * mnk[1] * mnk[2];
                int repeats = (int) Math.max(5, 2e9 / flops);
                double shapeBest = 0;
                for (int round = 0; round < 5; round++) {
                    long started = System.nanoTime();
                    for (int i = 0; i < repeats; i++) {
                        try (NDArray c = a.matMul(b)) {
                            c.getShape();
                        }
                    }
                    shapeBest = Math.max(shapeBest, flops * repeats / ((System.nanoTime() - started) / 1e9) / 1e9);
                }
                System.out.printf("gemm %dx%dx%d: %.1f GFLOP/s%n", mnk[0], mnk[1], mnk[2], shapeBest);
                best = Math.max(best, shapeBest);
            }
        }
        System.out.printf("RESULT gemm-ceiling gflops=%.1f%n", best);
    }
}
