package dev.djinn.magics.tensor;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** The first images of a batch side by side, each scaled up and captioned with its label when there is one. */
final class ImageGrid {
    static final int MAX_IMAGES = 16;
    private static final int COLUMNS = 8;

    private ImageGrid() {
    }

    /**
     * {@code pixels}: images of {@code height × width}, one after the other; values are stretched from the
     * batch's min to max. {@code captions} may be empty.
     */
    static byte[] png(double[] pixels, int images, int height, int width, List<String> captions) {
        int shown = Math.min(MAX_IMAGES, images);
        int scale = Math.max(1, 84 / Math.max(height, width));
        int captionHeight = captions.isEmpty() ? 0 : 16;
        int columns = Math.min(COLUMNS, shown);
        int rows = (shown + columns - 1) / columns;
        // cells widen for long captions ("T-shirt/top → Sandal") so that neighbours do not overlap
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D measure = probe.createGraphics();
        measure.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int captionWidth = captions.stream().limit(shown).mapToInt(c -> measure.getFontMetrics().stringWidth(c)).max().orElse(0);
        measure.dispose();
        int cellWidth = Math.max(width * scale + 4, captionWidth + 8);
        int cellHeight = height * scale + 4 + captionHeight;
        BufferedImage grid = new BufferedImage(columns * cellWidth, rows * cellHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < shown * height * width; i++) {
            if (Double.isFinite(pixels[i])) {
                min = Math.min(min, pixels[i]);
                max = Math.max(max, pixels[i]);
            }
        }
        double range = max > min ? max - min : 1;
        for (int n = 0; n < shown; n++) {
            int left = (n % columns) * cellWidth + (cellWidth - width * scale) / 2;
            int top = (n / columns) * cellHeight + 2;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double v = pixels[(n * height + y) * width + x];
                    // NaN and infinities in red: they should stand out
                    Color color = Double.isFinite(v) ? grey((v - min) / range) : Color.RED;
                    g.setColor(color);
                    g.fillRect(left + x * scale, top + y * scale, scale, scale);
                }
            }
            if (n < captions.size()) {
                g.setColor(Color.BLACK);
                String caption = captions.get(n);
                int textWidth = g.getFontMetrics().stringWidth(caption);
                g.drawString(caption, (n % columns) * cellWidth + (cellWidth - textWidth) / 2, top + height * scale + 13);
            }
        }
        g.dispose();
        return dev.djinn.magics.mime.Png.encode(grid);
    }

    private static Color grey(double share) {
        int level = (int) Math.round(255 * Math.max(0, Math.min(1, share)));
        return new Color(level, level, level);
    }
}
