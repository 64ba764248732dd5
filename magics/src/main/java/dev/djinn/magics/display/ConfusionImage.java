package dev.djinn.magics.display;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A confusion matrix drawn directly: class names on both axes, each cell shaded by its share of its row (so a
 * rare class's mistakes show as clearly as a common one's) and labelled with its count.
 */
final class ConfusionImage {
    private static final int CELL = 44;

    private ConfusionImage() {
    }

    static byte[] png(double[][] counts, List<String> names) {
        int n = counts.length;
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D p = probe.createGraphics();
        p.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = p.getFontMetrics();
        int labelWidth = names.stream().mapToInt(metrics::stringWidth).max().orElse(20) + 12;
        p.dispose();
        int left = labelWidth + 24;
        int top = labelWidth + 24;
        BufferedImage image = new BufferedImage(left + n * CELL + 10, top + n * CELL + 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString("true class ↓   predicted class →", 6, 16);
        for (int r = 0; r < n; r++) {
            double rowTotal = 0;
            for (double v : counts[r]) {
                rowTotal += v;
            }
            g.setColor(Color.BLACK);
            g.drawString(names.get(r), left - 6 - g.getFontMetrics().stringWidth(names.get(r)), top + r * CELL + CELL / 2 + 5);
            for (int c = 0; c < n; c++) {
                double share = rowTotal == 0 ? 0 : counts[r][c] / rowTotal;
                int shade = (int) Math.round(255 * (1 - share));
                g.setColor(r == c ? new Color(shade, shade, 255) : new Color(255, shade, shade));
                g.fillRect(left + c * CELL, top + r * CELL, CELL, CELL);
                g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                String count = String.valueOf((long) counts[r][c]);
                g.drawString(count, left + c * CELL + (CELL - g.getFontMetrics().stringWidth(count)) / 2, top + r * CELL + CELL / 2 + 5);
            }
        }
        AffineTransform original = g.getTransform();
        g.setColor(Color.BLACK);
        for (int c = 0; c < n; c++) {
            g.setTransform(original);
            g.translate(left + c * CELL + CELL / 2 + 5, top - 6);
            g.rotate(-Math.PI / 2);
            g.drawString(names.get(c), 0, 0);
        }
        g.setTransform(original);
        g.setColor(Color.GRAY);
        g.drawRect(left, top, n * CELL, n * CELL);
        g.dispose();
        return dev.djinn.magics.mime.Png.encode(image);
    }
}
