package dev.djinn.dsl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.Random;
import java.util.Arrays;

/**
 * A random change to each training image of a batch, made on the batch tensor: {@code augment(flip(), crop(4))}.
 * Images are (N, H, W) or (N, C, H, W); validation and test data are never augmented.
 */
public abstract class Augmentation {
    private Augmentation() {
    }

    /** Returns the augmented batch (a new tensor in the batch's manager). */
    public abstract NDArray apply(NDArray images, Random random);

    /** The augmentation a saved model names by its {@link #toString()}: "flip()", "crop(4)". */
    public static Augmentation parse(String text) {
        if (text.equals("flip()")) {
            return flip();
        }
        if (text.matches("crop\\([1-9][0-9]*\\)")) {
            return crop(Integer.parseInt(text.substring(5, text.length() - 1)));
        }
        throw new IllegalArgumentException("unknown augmentation \"" + text + "\"");
    }

    /** Mirrors each image left to right with probability one half. */
    public static Augmentation flip() {
        return new Augmentation() {
            @Override
            public NDArray apply(NDArray images, Random random) {
                Shape shape = images.getShape();
                boolean[] chosen = new boolean[(int) shape.get(0)];
                for (int i = 0; i < chosen.length; i++) {
                    chosen[i] = random.nextBoolean();
                }
                long[] maskShape = new long[shape.dimension()];
                Arrays.fill(maskShape, 1);
                maskShape[0] = chosen.length;
                NDArray mask = images.getManager().create(chosen).reshape(maskShape).broadcast(shape);
                return NDArrays.where(mask, images.flip(shape.dimension() - 1), images);
            }

            @Override
            public String toString() {
                return "flip()";
            }
        };
    }

    /** Pads each image with {@code padding} zero pixels on every side and crops it back at a random offset. */
    public static Augmentation crop(int padding) {
        if (padding < 1) {
            throw new IllegalArgumentException("crop(" + padding + "): the padding is at least 1 pixel, such as crop(4).");
        }
        return new Augmentation() {
            @Override
            public NDArray apply(NDArray images, Random random) {
                Shape shape = images.getShape();
                int dims = shape.dimension();
                long height = shape.get(dims - 2);
                long width = shape.get(dims - 1);
                NDArray padded = images.pad(new Shape(padding, padding, padding, padding), 0);
                NDList crops = new NDList();
                for (int i = 0; i < shape.get(0); i++) {
                    int dy = random.nextInt(2 * padding + 1);
                    int dx = random.nextInt(2 * padding + 1);
                    NDIndex index = new NDIndex().addIndices(i);
                    for (int d = 1; d < dims - 2; d++) {
                        index.addAllDim();
                    }
                    crops.add(padded.get(index.addSliceDim(dy, dy + height).addSliceDim(dx, dx + width)));
                }
                return NDArrays.stack(crops);
            }

            @Override
            public String toString() {
                return "crop(" + padding + ")";
            }
        };
    }

    /** Checks the examples are images before training starts. */
    static void check(Shape exampleShape, Augmentation augmentation) {
        if (exampleShape.dimension() < 2) {
            throw new IllegalArgumentException("augment(" + augmentation + ") works on images, (height, width) or (channels, "
                    + "height, width), but the examples have shape " + exampleShape + ".");
        }
    }
}
