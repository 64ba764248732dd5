package dev.djinn.dsl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.djinn.dsl.model.Model;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.djinn.Djinn.augment;
import static dev.djinn.Djinn.batchSize;
import static dev.djinn.Djinn.crop;
import static dev.djinn.Djinn.data;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.flip;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentationTest {

    /** 64 images 4×4 whose left column is 1 and the rest 0. */
    private static NDArray leftBars(NDManager manager) {
        float[] pixels = new float[64 * 16];
        for (int i = 0; i < 64; i++) {
            for (int r = 0; r < 4; r++) {
                pixels[i * 16 + r * 4] = 1;
            }
        }
        return manager.create(pixels, new Shape(64, 4, 4));
    }

    @Test
    void flipMirrorsAboutHalfTheImagesAndLeavesTheRest() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray flipped = flip().apply(leftBars(manager), new Random(1));
            float[] values = flipped.toFloatArray();
            int mirrored = 0;
            for (int i = 0; i < 64; i++) {
                float left = values[i * 16];
                float right = values[i * 16 + 3];
                assertEquals(1f, left + right, "each image is either as it was or mirrored");
                mirrored += right == 1f ? 1 : 0;
            }
            assertTrue(mirrored > 20 && mirrored < 44, mirrored + " of 64 mirrored");
            assertArrayEquals(values, flip().apply(leftBars(manager), new Random(1)).toFloatArray(), "seeded: the same flips");
        }
    }

    @Test
    void cropShiftsEachImageWithinItsPaddingAndKeepsTheSize() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = leftBars(manager).expandDims(1); // (N, 1, H, W) works too
            images = images.get(":, :, :, -1:").concat(images.get(":, :, :, :-1"), 3); // the bar moves to column 1
            NDArray cropped = crop(1).apply(images, new Random(2));
            assertEquals(new Shape(64, 1, 4, 4), cropped.getShape());
            float[] values = cropped.toFloatArray();
            boolean moved = false;
            for (int i = 0; i < 64; i++) {
                float sum = 0;
                for (int p = 0; p < 16; p++) {
                    sum += values[i * 16 + p];
                }
                assertTrue(sum >= 3 && sum <= 4, "a shift by at most one pixel keeps 3 or 4 of the bar's pixels, got " + sum);
                moved |= values[i * 16 + 1] + values[i * 16 + 5] + values[i * 16 + 9] + values[i * 16 + 13] < 3;
            }
            assertTrue(moved, "some image moved");
        }
    }

    @Test
    void trainingWithAugmentationRunsAndVectorsAreRefused() {
        try (Model net = model().conv2d(2, 3, 1, 1).relu().flatten().dense(3)) {
            History history = net.train(dev.djinn.dsl.model.LayersTestData.twoKindsOfImages(), epochs(3), batchSize(8),
                    augment(flip(), crop(2)), progress(ProgressListener.NONE));
            assertEquals(3, history.epochs().size());
        }
        try (Model net = model().dense(2)) {
            assertEquals("augment(flip()) works on images, (height, width) or (channels, height, width), but the examples have shape (2).",
                    assertThrows(IllegalArgumentException.class, () -> net.train(data(new float[][] {{0, 1}, {1, 0}}, new int[] {0, 1}),
                            augment(flip()), progress(ProgressListener.NONE))).getMessage());
        }
        assertEquals("crop(0): the padding is at least 1 pixel, such as crop(4).", assertThrows(IllegalArgumentException.class, () -> crop(0)).getMessage());
    }
}
