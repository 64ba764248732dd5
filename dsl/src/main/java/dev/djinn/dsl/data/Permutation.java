package dev.djinn.dsl.data;

import java.util.Random;

/** A random order of example indices (Fisher–Yates), the one shuffle behind batches and held-out splits. */
public final class Permutation {
    private Permutation() {
    }

    /** The indices 0 … size-1 in an order drawn from {@code random}. */
    public static int[] of(int size, Random random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
