package dev.djinn.magics.plot;

import java.util.List;
import java.util.Arrays;

/**
 * A panel drawn with characters, for terminals and jshell: lines and points on a grid with the y range on the left
 * and the x range below; bars as columns of block elements; heatmaps in shades.
 */
final class UnicodeChart {
    static final int WIDTH = 60;
    static final int HEIGHT = 12;
    private static final char[] MARKS = {'●', '○', '■', '□', '▲', '△', '◆', '◇'};
    private static final String SHADES = " ░▒▓█";
    private static final String BLOCKS = " ▁▂▃▄▅▆▇█";

    private UnicodeChart() {
    }

    static String draw(Panel panel) {
        StringBuilder text = new StringBuilder(panel.title().isEmpty() ? "" : panel.title() + "\n");
        switch (panel.kind()) {
            case HEATMAP:
                return text.append(heatmap(panel.matrix())).toString();
            case BAR:
                return text.append(bars(panel.series().get(0).y(), panel.categories())).toString();
            default:
                return text.append(xy(panel)).toString();
        }
    }

    private static String xy(Panel panel) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Panel.Series s : panel.series()) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i])) {
                    minX = Math.min(minX, s.x()[i]);
                    maxX = Math.max(maxX, s.x()[i]);
                    minY = Math.min(minY, s.y()[i]);
                    maxY = Math.max(maxY, s.y()[i]);
                }
            }
        }
        if (minX > maxX) {
            return "(no finite values to plot)\n";
        }
        if (maxY == minY) {
            // a flat series sits in the middle of a unit range
            minY -= 0.5;
            maxY += 0.5;
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        char[][] grid = new char[HEIGHT][WIDTH];
        for (char[] row : grid) {
            Arrays.fill(row, ' ');
        }
        List<Panel.Series> series = panel.series();
        for (int s = 0; s < series.size(); s++) {
            char mark = MARKS[s % MARKS.length];
            Panel.Series one = series.get(s);
            int previousColumn = -1;
            int previousRow = -1;
            for (int i = 0; i < one.x().length; i++) {
                if (!Double.isFinite(one.y()[i])) {
                    previousColumn = -1;
                    continue;
                }
                int column = (int) Math.round((one.x()[i] - minX) / (maxX - minX) * (WIDTH - 1));
                int row = HEIGHT - 1 - (int) Math.round((one.y()[i] - minY) / (maxY - minY) * (HEIGHT - 1));
                if (panel.kind() == Panel.Kind.LINE && previousColumn >= 0) {
                    connect(grid, previousColumn, previousRow, column, row);
                }
                grid[row][column] = mark;
                previousColumn = column;
                previousRow = row;
            }
        }
        StringBuilder text = new StringBuilder();
        String top = format(maxY);
        String bottom = format(minY);
        int margin = Math.max(top.length(), bottom.length());
        for (int r = 0; r < HEIGHT; r++) {
            String label = r == 0 ? top : r == HEIGHT - 1 ? bottom : "";
            text.append(String.format("%" + margin + "s │", label)).append(new String(grid[r]).stripTrailing()).append('\n');
        }
        text.append(" ".repeat(margin)).append(" └").append("─".repeat(WIDTH)).append('\n');
        String left = format(minX);
        String right = format(maxX);
        text.append(" ".repeat(margin + 2)).append(left).append(" ".repeat(Math.max(1, WIDTH - left.length() - right.length()))).append(right)
                .append("  ").append(panel.xLabel()).append('\n');
        if (series.size() > 1 || !series.get(0).name().isEmpty()) {
            StringBuilder legend = new StringBuilder(" ".repeat(margin + 2));
            for (int s = 0; s < series.size(); s++) {
                legend.append(MARKS[s % MARKS.length]).append(' ').append(series.get(s).name()).append("   ");
            }
            text.append(legend.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /** A light trail between consecutive points of a line. */
    private static void connect(char[][] grid, int c0, int r0, int c1, int r1) {
        int steps = Math.max(Math.abs(c1 - c0), Math.abs(r1 - r0));
        for (int k = 1; k < steps; k++) {
            int c = c0 + (c1 - c0) * k / steps;
            int r = r0 + (r1 - r0) * k / steps;
            if (grid[r][c] == ' ') {
                grid[r][c] = '·';
            }
        }
    }

    private static String bars(double[] heights, List<String> categories) {
        double max = 0;
        for (double h : heights) {
            max = Math.max(max, Math.abs(h));
        }
        int labelWidth = categories.stream().mapToInt(String::length).max().orElse(1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < heights.length; i++) {
            int length = max == 0 ? 0 : (int) Math.round(Math.abs(heights[i]) / max * 40);
            String label = i < categories.size() ? categories.get(i) : String.valueOf(i);
            text.append(String.format("%" + labelWidth + "s │%s %s%n", label, "█".repeat(length), format(heights[i])));
        }
        return text.toString();
    }

    private static String heatmap(double[][] matrix) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : matrix) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        int rows = matrix.length;
        int cols = rows == 0 ? 0 : matrix[0].length;
        // at most 60 × 30 cells: larger matrices are sampled
        int rowStep = Math.max(1, (rows + 29) / 30);
        int colStep = Math.max(1, (cols + 59) / 60);
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows; r += rowStep) {
            for (int c = 0; c < cols; c += colStep) {
                double v = matrix[r][c];
                int shade = !Double.isFinite(v) ? 0 : max == min ? 2 : (int) Math.round((v - min) / (max - min) * (SHADES.length() - 1));
                text.append(SHADES.charAt(shade)).append(SHADES.charAt(shade));
            }
            text.append('\n');
        }
        text.append(String.format("%d × %d, from %s (' ') to %s ('█')%n", rows, cols, format(min), format(max)));
        return text.toString();
    }

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e6) {
            return String.valueOf((long) value);
        }
        return String.format("%.4g", value);
    }

    /** A histogram's counts as one line of block elements. */
    static String sparkline(long[] counts) {
        long max = 0;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        StringBuilder line = new StringBuilder();
        for (long c : counts) {
            line.append(BLOCKS.charAt(max == 0 ? 0 : (int) Math.round((double) c / max * (BLOCKS.length() - 1))));
        }
        return line.toString();
    }
}
