package dev.djinn.dsl.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import java.util.List;

/**
 * Finds the layer that cannot take its input, by passing shapes through fresh copies of the layers one by one, so
 * a shape error names the layer and both shapes instead of surfacing from deep inside DJL.
 */
final class ShapeWalk {
    private ShapeWalk() {
    }

    /** {@code layers} as built, adapters included: a failure names the layer by its place among them. */
    static RuntimeException explain(List<Layer> layers, Shape exampleShape, RuntimeException failure) {
        Shape shape = new Shape(1).addAll(exampleShape);
        try (NDManager manager = NDManager.newBaseManager()) {
            int userLayer = 0;
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                if (!layer.description().contains("(added")) {
                    userLayer++;
                }
                Block block = layer.block().get();
                Shape input = shape;
                try {
                    block.initialize(manager, DataType.FLOAT32, input);
                    shape = block.getOutputShapes(new Shape[] {input})[0];
                } catch (RuntimeException e) {
                    return new ShapeMismatchException(layer.description() + " at layer " + userLayer + " cannot take input of shape "
                            + input + " (batch, …)" + hint(layer.description(), input) + " [" + e.getMessage() + "]");
                }
            }
        }
        return new ShapeMismatchException("The model cannot be built for examples of shape " + exampleShape + ": "
                + failure.getMessage());
    }

    private static String hint(String layer, Shape input) {
        if (layer.matches("(conv2d|maxPool2d|avgPool2d).*") && input.dimension() < 4) {
            return ": 2-D convolutions and pooling take images (batch, channels, height, width); put them before flatten() and dense()";
        }
        if (layer.startsWith("globalAvgPool") && input.dimension() != 4) {
            return ": globalAvgPool takes images (batch, channels, height, width)";
        }
        return "";
    }
}
