package dev.djinn.dsl.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Images are laid out channels-last for speed; what a model computes must not depend on it. */
class ChannelsLastTest {
    @Test
    void flattenReadsImagesByHeightWidthThenChannelAndSavedModelsKeepChannelFirst() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.arange(24f).reshape(2, 3, 2, 2); // 2 images, 3 channels, 2 x 2 pixels
            float[] first = {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}; // pixel (0,0)'s three channels, then pixel (0,1)'s, …
            assertArrayEquals(first, flattened(new LayerSpec.Flatten(), images).get(0).toFloatArray());
            float[] channelFirst = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
            LayerSpec.Flatten saved = new LayerSpec.Flatten(LayerSpec.Flatten.Order.CHANNEL_HEIGHT_WIDTH);
            assertArrayEquals(channelFirst, flattened(saved, images).get(0).toFloatArray());
            // the same values whether the images are channels-last in memory or not
            assertArrayEquals(first, flattened(new LayerSpec.Flatten(), ChannelsLast.of(images)).get(0).toFloatArray());
            assertArrayEquals(channelFirst, flattened(saved, ChannelsLast.of(images)).get(0).toFloatArray());
            // other ranks keep their order: a sequence (N, T, F) step by step
            NDArray steps = manager.arange(12f).reshape(2, 3, 2);
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, flattened(new LayerSpec.Flatten(), steps).get(0).toFloatArray());
        }
    }

    @Test
    void flattenSaysWhichOrderAModelFileGaveIt() {
        assertEquals("flatten", new LayerSpec.Flatten().text());
        assertEquals("flatten (channel first, as saved)", new LayerSpec.Flatten(LayerSpec.Flatten.Order.CHANNEL_HEIGHT_WIDTH).text());
        LayerSpec written = LayerSpec.fromJson(new LayerSpec.Flatten().toJson());
        assertEquals(new LayerSpec.Flatten(), written);
        LayerSpec old = LayerSpec.fromJson(com.google.gson.JsonParser.parseString("{\"layer\": \"flatten\"}"));
        assertEquals(new LayerSpec.Flatten(LayerSpec.Flatten.Order.CHANNEL_HEIGHT_WIDTH), old, "a file from before the order was written");
    }

    @Test
    void theConvolutionComputesWhatDjlsComputesForOneAndThreeChannels() {
        for (int channels : new int[] {1, 3}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Conv2d.Builder settings = Conv2d.builder().setFilters(4).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1));
                Block ours = new ChannelsLast.Conv(settings);
                Block djls = settings.build();
                Shape input = new Shape(2, channels, 5, 6);
                ours.initialize(manager, DataType.FLOAT32, input);
                djls.initialize(manager, DataType.FLOAT32, input);
                djls.getParameters().forEach(p -> p.getValue().getArray().set(ours.getParameters().get(p.getKey()).getArray().toFloatArray()));
                NDArray images = manager.randomUniform(-1, 1, input);
                float[] expected = djls.forward(new ParameterStore(manager, false), new NDList(images), false).head().toFloatArray();
                NDArray output = ours.forward(new ParameterStore(manager, false), new NDList(images), false).head();
                assertEquals(new Shape(2, 4, 5, 6), output.getShape());
                assertArrayEquals(expected, output.toFloatArray(), 1e-5f, channels + " channel(s)");
                // stacked: a second convolution takes the first's channels-last output as it is
                NDArray again = ours.forward(new ParameterStore(manager, false), new NDList(ChannelsLast.of(images)), false).head();
                assertArrayEquals(expected, again.toFloatArray(), 1e-5f);
            }
        }
    }

    private static NDArray flattened(LayerSpec.Flatten flatten, NDArray input) {
        Block block = flatten.block();
        block.initialize(input.getManager(), DataType.FLOAT32, input.getShape());
        return block.forward(new ParameterStore(input.getManager(), false), new NDList(input), false).head();
    }
}
