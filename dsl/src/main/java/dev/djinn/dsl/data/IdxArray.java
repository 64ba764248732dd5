package dev.djinn.dsl.data;

import java.util.Arrays;

/** The unsigned bytes of an IDX file and its dimensions, for example {60000, 28, 28} for MNIST images. */
public record IdxArray(int[] dimensions, byte[] data) {

    /** How many items the first dimension holds. */
    public int count() {
        return dimensions[0];
    }

    /** The bytes of one item: the product of all dimensions but the first. */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dimensions.length; i++) {
            size *= dimensions[i];
        }
        return size;
    }

    @Override
    public String toString() {
        return "IdxArray" + Arrays.toString(dimensions);
    }
}
