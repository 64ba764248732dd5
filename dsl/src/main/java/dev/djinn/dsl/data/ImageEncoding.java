package dev.djinn.dsl.data;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Images as the model saw them in training: pixel values divided by 255, grey-scale or RGB, at the training
 * size. Turns any {@link BufferedImage} into such an example, resizing it when its size differs.
 */
public final class ImageEncoding implements InputEncoding {
    /** 8-bit pixels scaled to [0, 1], as {@code mnist()} and {@code fashionMnist()} give them. */
    public static final ImageEncoding UNIT_SCALE = new ImageEncoding(255f);

    private final float scale;

    private ImageEncoding(float scale) {
        this.scale = scale;
    }

    static ImageEncoding fromJson(JsonObject json) {
        return new ImageEncoding(json.get("scale").getAsFloat());
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("kind", "image");
        json.addProperty("scale", scale);
        return json;
    }

    /** An 8-bit pixel value (0 to 255) as the model saw it in training. */
    public float scaled(float pixel) {
        return pixel / scale;
    }

    /**
     * The image as one example of {@code exampleShape}: (H, W) or (1, H, W) grey-scale, (3, H, W) RGB; flattened in
     * that order.
     */
    public float[] encode(BufferedImage image, Shape exampleShape) {
        long[] dims = exampleShape.getShape();
        int channels = dims.length == 3 ? (int) dims[0] : 1;
        if (!(dims.length == 2 || dims.length == 3) || !(channels == 1 || channels == 3)) {
            throw new IllegalArgumentException("This model takes examples of shape " + exampleShape
                    + ", not images: give (height, width), (1, height, width) or (3, height, width) data to predict from an image.");
        }
        int height = (int) dims[dims.length - 2];
        int width = (int) dims[dims.length - 1];
        BufferedImage sized = resize(image, width, height);
        float[] values = new float[channels * height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = sized.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (channels == 1) {
                    values[y * width + x] = (0.299f * r + 0.587f * g + 0.114f * b) / scale;
                } else {
                    int plane = height * width;
                    values[y * width + x] = r / scale;
                    values[plane + y * width + x] = g / scale;
                    values[2 * plane + y * width + x] = b / scale;
                }
            }
        }
        return values;
    }

    private static BufferedImage resize(BufferedImage image, int width, int height) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        BufferedImage sized = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sized.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return sized;
    }

    @Override
    public String toString() {
        return "image pixels / " + scale;
    }
}
