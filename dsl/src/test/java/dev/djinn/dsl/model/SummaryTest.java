package dev.djinn.dsl.model;

import org.junit.jupiter.api.Test;

import static dev.djinn.Djinn.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {

    @Test
    void theQuickstartModelHas101770Parameters() {
        try (Model net = model().dense(128).relu().dropout(0.2).dense(10).input(28, 28)) {
            Summary summary = net.summary();
            assertEquals(784 * 128 + 128 + 128 * 10 + 10, summary.totalParameters());
            assertEquals("flatten (added for dense)", summary.rows().get(0).layer());
            assertEquals("(1, 784)", summary.rows().get(0).outputShape());
            assertEquals("(1, 128)", summary.rows().get(1).outputShape());
            assertEquals(100_480, summary.rows().get(1).parameters());
            assertEquals("(1, 10)", summary.rows().get(4).outputShape());
            String text = summary.toString();
            assertTrue(text.contains("dense(128)"), text);
            assertTrue(text.contains("100,480"), text);
            assertTrue(text.endsWith("total parameters 101,770 (trainable 101,770)\n"), text);
        }
    }

    @Test
    void aConvolutionalModelShowsImageShapes() {
        try (Model net = model().conv2d(8, 3, 1, 1).relu().maxPool2d(2).flatten().dense(10).input(28, 28)) {
            Summary summary = net.summary();
            assertEquals("(1, 1, 28, 28)", summary.rows().get(0).outputShape());
            assertEquals("(1, 8, 28, 28)", summary.rows().get(1).outputShape());
            assertEquals(8 * 9 + 8, summary.rows().get(1).parameters());
            assertEquals("(1, 8, 14, 14)", summary.rows().get(3).outputShape());
            assertEquals("(1, 1568)", summary.rows().get(4).outputShape());
        }
    }

    @Test
    void summaryBeforeTheInputIsKnownSaysWhatToDo() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> model().dense(3).summary());
        assertTrue(error.getMessage().contains("call input(28, 28)"), error.getMessage());
    }

    @Test
    void aShapeMismatchNamesTheLayerAndItsInput() {
        ShapeMismatchException error = assertThrows(ShapeMismatchException.class,
                () -> model().dense(16).conv2d(4, 3).input(28, 28));
        String message = error.getMessage();
        assertTrue(message.startsWith("conv2d(4, 3) at layer 2 cannot take input of shape (1, 16) (batch, …): "
                + "2-D convolutions and pooling take images"), message);
    }
}
