package dev.djinn.dsl.data;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;

/** A table's column of texts, waiting for its label column: {@code csv(path).text("text").label("label")}. */
public final class TextColumn {
    private final Table table;
    private final String column;

    TextColumn(Table table, String column) {
        this.table = table;
        this.column = column;
    }

    /** The texts with the classes in {@code labelColumn}: names (sorted) or whole numbers 0, 1, …. */
    public TextData label(String labelColumn) {
        if (!table.columnNames().contains(labelColumn)) {
            throw new IllegalArgumentException("label(\"" + labelColumn + "\"): the table has no such column; it has " + table.columnNames() + ".");
        }
        Column<?> texts = table.column(column);
        Column<?> labels = table.column(labelColumn);
        List<String> textValues = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            if (texts.isMissing(i)) {
                throw new IllegalArgumentException("text(\"" + column + "\"): row " + (i + 1) + " has no text; drop such rows first.");
            }
            textValues.add(texts.getString(i));
        }
        if (labels instanceof NumericColumn<?> numbers) {
            int[] classes = new int[numbers.size()];
            for (int i = 0; i < classes.length; i++) {
                double value = numbers.getDouble(i);
                if (numbers.isMissing(i) || value != Math.rint(value) || value < 0) {
                    throw new IllegalArgumentException("label(\"" + labelColumn + "\"): row " + (i + 1) + " has " + numbers.getString(i)
                            + "; numeric labels are class numbers 0, 1, ….");
                }
                classes[i] = (int) value;
            }
            return TextData.of(textValues, classes);
        }
        List<String> names = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            if (labels.isMissing(i)) {
                throw new IllegalArgumentException("label(\"" + labelColumn + "\"): row " + (i + 1) + " has no label; drop such rows first.");
            }
            names.add(labels.getString(i));
        }
        return TextData.of(textValues, names);
    }

    @Override
    public String toString() {
        return "texts in column " + column + " (" + table.rowCount() + " rows): give the label column with label(\"…\")";
    }
}
