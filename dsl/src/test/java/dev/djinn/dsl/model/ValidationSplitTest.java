package dev.djinn.dsl.model;

import dev.djinn.dsl.data.ArrayData;
import dev.djinn.dsl.data.ImageSplit;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;

import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.validation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationSplitTest {

    @Test
    void aShareOfTheTrainingDataIsHeldOutAndValidatedOnEveryEpoch() {
        ArrayData blobs = TrainingTest.blobs(400, 61);
        try (Model net = model().dense(8).relu().dense(2)) {
            History history = net.train(blobs, epochs(15), validation(0.25), progress(ProgressListener.NONE));
            assertTrue(history.epochs().stream().allMatch(r -> r.hasValidation()), history.toString());
            assertTrue(history.last().validationAccuracy() > 0.9, history.toString());
        }
    }

    @Test
    void selectCopiesTheChosenExamplesInOrder() {
        byte[] pixels = {1, 2, 3, 4, 5, 6};
        ImageSplit images = new ImageSplit(pixels, new int[] {0, 1, 2}, 1, 2);
        ImageSplit chosen = images.select(new int[] {2, 0});
        assertEquals(2, chosen.size());
        assertArrayEquals(new byte[] {5, 6, 1, 2}, chosen.pixels());
        assertArrayEquals(new int[] {2, 0}, chosen.labels());
    }

    @Test
    void sharesOutsideZeroToOneAndDoubleValidationAreSentences() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> validation(1.5)).getMessage().startsWith("validation(1.5)"));
        ArrayData blobs = TrainingTest.blobs(10, 1);
        try (Model net = model().dense(2)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> net.train(blobs, blobs, validation(0.2), progress(ProgressListener.NONE)));
            assertTrue(error.getMessage().contains("use one of them"), error.getMessage());
        }
    }
}
