package dev.djinn.dsl.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.Map;

/**
 * How a table's feature columns become numbers: numeric columns standardized with the training rows' mean and
 * standard deviation (a missing value becomes the mean), other columns one-hot encoded over the levels seen in
 * training (an unseen or missing level becomes all zeros).
 */
public final class TableEncoding implements InputEncoding {
    private final List<ColumnCode> columns;

    private TableEncoding(List<ColumnCode> columns) {
        this.columns = List.copyOf(columns);
    }

    /** One feature column's code. */
    private record ColumnCode(String name, boolean numeric, double mean, double std, List<String> levels) {
        int width() {
            return numeric ? 1 : levels.size();
        }
    }

    /** Learns the encoding of {@code features} from the rows of {@code training}. */
    static TableEncoding learn(Table training, List<String> features) {
        List<ColumnCode> codes = new ArrayList<>();
        for (String name : features) {
            Column<?> column = training.column(name);
            if (isNumeric(column)) {
                double sum = 0;
                int count = 0;
                for (int row = 0; row < column.size(); row++) {
                    if (!column.isMissing(row)) {
                        sum += number(column, row);
                        count++;
                    }
                }
                double mean = count == 0 ? 0 : sum / count;
                double squares = 0;
                for (int row = 0; row < column.size(); row++) {
                    if (!column.isMissing(row)) {
                        squares += Math.pow(number(column, row) - mean, 2);
                    }
                }
                double std = count == 0 ? 0 : Math.sqrt(squares / count);
                codes.add(new ColumnCode(name, true, mean, std > 0 ? std : 1, List.of()));
            } else {
                TreeSet<String> levels = new TreeSet<>();
                for (int row = 0; row < column.size(); row++) {
                    if (!column.isMissing(row)) {
                        levels.add(column.getString(row));
                    }
                }
                codes.add(new ColumnCode(name, false, 0, 1, List.copyOf(levels)));
            }
        }
        return new TableEncoding(codes);
    }

    static boolean isNumeric(Column<?> column) {
        ColumnType type = column.type();
        return ColumnType.DOUBLE.equals(type) || ColumnType.FLOAT.equals(type) || ColumnType.INTEGER.equals(type)
                || ColumnType.LONG.equals(type) || ColumnType.SHORT.equals(type);
    }

    private static double number(Column<?> column, int row) {
        return ((Number) column.get(row)).doubleValue();
    }

    /** Numbers per row after encoding. */
    public int width() {
        return columns.stream().mapToInt(ColumnCode::width).sum();
    }

    /** The feature columns, in order. */
    public List<String> columnNames() {
        return columns.stream().map(ColumnCode::name).collect(Collectors.toList());
    }

    /** Whether the model was trained on numbers in {@code column} (standardized) rather than categories (one-hot). */
    public boolean isNumeric(String column) {
        return columns.stream().anyMatch(code -> code.name().equals(column) && code.numeric());
    }

    /** Every row of {@code table}, encoded, one after the other. */
    public float[] encode(Table table) {
        List<Column<?>> found = new ArrayList<>();
        for (ColumnCode code : columns) {
            if (!table.columnNames().contains(code.name())) {
                throw new IllegalArgumentException("The table has no column \"" + code.name() + "\"; this model was trained on the columns "
                        + columnNames() + " (the table has " + table.columnNames() + ").");
            }
            Column<?> column = table.column(code.name());
            if (code.numeric() && !isNumeric(column)) {
                throw new IllegalArgumentException("Column \"" + code.name() + "\" holds " + column.type().name().toLowerCase()
                        + " values but the model was trained on numbers there.");
            }
            found.add(column);
        }
        int width = width();
        float[] values = new float[table.rowCount() * width];
        for (int row = 0; row < table.rowCount(); row++) {
            int offset = row * width;
            for (int c = 0; c < columns.size(); c++) {
                ColumnCode code = columns.get(c);
                Column<?> column = found.get(c);
                if (code.numeric()) {
                    values[offset] = column.isMissing(row) ? 0 : (float) ((number(column, row) - code.mean()) / code.std());
                } else if (!column.isMissing(row)) {
                    int level = code.levels().indexOf(column.getString(row));
                    if (level >= 0) {
                        values[offset + level] = 1;
                    }
                }
                offset += code.width();
            }
        }
        return values;
    }

    /** One example given by column name, as the server receives it: numbers, or strings for categorical columns. */
    public float[] encode(Map<String, Object> row) {
        Object[] values = new Object[columns.size()];
        for (int c = 0; c < values.length; c++) {
            String name = columns.get(c).name();
            if (!row.containsKey(name)) {
                throw new IllegalArgumentException("missing column \"" + name + "\"; the model takes " + columnNames());
            }
            values[c] = row.get(name);
        }
        float[] encoded = new float[width()];
        encode(values, encoded, 0);
        return encoded;
    }

    /**
     * One example given as the values of {@link #columnNames()} in that order (null where missing), written into
     * {@code out} at {@code offset}, which must hold zeros there: the row-at-a-time form for callers with many rows.
     */
    public void encode(Object[] values, float[] out, int offset) {
        for (int c = 0; c < columns.size(); c++) {
            ColumnCode code = columns.get(c);
            Object value = values[c];
            if (code.numeric()) {
                if (value != null && !(value instanceof Number)) {
                    throw new IllegalArgumentException("column \"" + code.name() + "\" takes a number, not " + value);
                }
                out[offset] = value == null ? 0 : (float) ((((Number) value).doubleValue() - code.mean()) / code.std());
            } else if (value != null) {
                int level = code.levels().indexOf(String.valueOf(value));
                if (level >= 0) {
                    out[offset + level] = 1;
                }
            }
            offset += code.width();
        }
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("kind", "table");
        JsonArray array = new JsonArray();
        for (ColumnCode code : columns) {
            JsonObject column = new JsonObject();
            column.addProperty("name", code.name());
            if (code.numeric()) {
                column.addProperty("mean", code.mean());
                column.addProperty("std", code.std());
            } else {
                JsonArray levels = new JsonArray();
                code.levels().forEach(levels::add);
                column.add("levels", levels);
            }
            array.add(column);
        }
        json.add("columns", array);
        return json;
    }

    static TableEncoding fromJson(JsonObject json) {
        List<ColumnCode> codes = new ArrayList<>();
        for (var element : json.getAsJsonArray("columns")) {
            JsonObject column = element.getAsJsonObject();
            if (column.has("levels")) {
                List<String> levels = new ArrayList<>();
                column.getAsJsonArray("levels").forEach(level -> levels.add(level.getAsString()));
                codes.add(new ColumnCode(column.get("name").getAsString(), false, 0, 1, levels));
            } else {
                codes.add(new ColumnCode(column.get("name").getAsString(), true, column.get("mean").getAsDouble(),
                        column.get("std").getAsDouble(), List.of()));
            }
        }
        return new TableEncoding(codes);
    }

    @Override
    public String toString() {
        return columns.stream().map(c -> c.numeric()
                        ? String.format("%s (standardized: mean %.4g, std %.4g)", c.name(), c.mean(), c.std())
                        : c.name() + " (one-hot: " + String.join(", ", c.levels()) + ")")
                .collect(Collectors.joining("\n"));
    }
}
