package dev.djinn.dsl.data;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a table before it becomes training data, naming the column, the row and what to do: a value that is not a
 * finite number (an {@code Infinity} makes the loss NaN), and a column of numbers that a few stray words turned into
 * text (it would be one-hot encoded, one level per number, without a word).
 */
final class TableChecks {
    /** A text column is taken for numbers gone astray when at least this share of its cells are numbers. */
    private static final double MOSTLY_NUMBERS = 0.9;

    private TableChecks() {
    }

    /** Rows are named as data rows counted from 1 (the line after the header is row 1). */
    static void check(Table table, String source, Set<String> declaredText) {
        for (Column<?> column : table.columns()) {
            if (column instanceof NumericColumn<?> numbers) {
                finite(numbers, source);
            } else if (ColumnType.STRING.equals(column.type()) && !declaredText.contains(column.name())) {
                noStrayWords(column, source);
            }
        }
    }

    private static void finite(NumericColumn<?> column, String source) {
        for (int row = 0; row < column.size(); row++) {
            if (!column.isMissing(row) && !Double.isFinite(column.getDouble(row))) {
                throw new IllegalArgumentException(source + ": column \"" + column.name() + "\" holds " + column.getDouble(row)
                        + " at row " + (row + 1) + ", which no model can learn from: drop that row, replace the value "
                        + "(an empty cell becomes the column's training mean), or drop the column.");
            }
        }
    }

    private static void noStrayWords(Column<?> column, String source) {
        int numbers = 0;
        List<String> stray = new ArrayList<>();
        int present = 0;
        for (int row = 0; row < column.size(); row++) {
            if (column.isMissing(row)) {
                continue;
            }
            present++;
            String cell = column.getString(row).strip();
            if (number(cell) != null) {
                numbers++;
            } else if (stray.size() < 3) {
                stray.add("row " + (row + 1) + " (\"" + (cell.length() > 20 ? cell.substring(0, 20) + "…" : cell) + "\")");
            }
        }
        int strayCount = present - numbers;
        if (strayCount > 0 && numbers >= MOSTLY_NUMBERS * present) {
            throw new IllegalArgumentException(source + ": column \"" + column.name() + "\" holds numbers except at "
                    + String.join(", ", stray) + (strayCount > stray.size() ? " and " + (strayCount - stray.size()) + " more" : "")
                    + ", so it was read as text. Fix or drop those rows; or declare the column's type: "
                    + "csv(path, Map.of(\"" + column.name() + "\", ColumnType.DOUBLE)) reads those cells as missing (they become the "
                    + "training mean), ColumnType.STRING keeps it as text (one-hot).");
        }
    }

    /** The number a cell holds, or null for a cell that is not one. */
    static Double number(String cell) {
        try {
            return Double.parseDouble(cell.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
