package dev.djinn.magics;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Decodes PNG bytes, failing the test when they are not a PNG. */
final class Pngs {
    private Pngs() {
    }

    static BufferedImage decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(image, "not a PNG");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many distinct colours the image has: a blank image has one. */
    static long colours(BufferedImage image) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
