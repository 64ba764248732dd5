package dev.djinn.dsl.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import java.util.TreeSet;

/**
 * A Tablesaw table as training data: {@code csv(path).label("species").split(0.8)}. The label column gives class
 * labels (text, booleans and whole numbers with few distinct values) or numeric targets (decimals, whole numbers with
 * many distinct values, see {@link #tooManyForClasses}; {@code regression()} and {@code classification()} decide); every other
 * column (or those named in {@code features(…)}) is a feature: numeric columns standardized, the rest one-hot
 * encoded, with statistics from the training rows only.
 */
public final class TableData implements LabeledData {
    private final Table table;
    private final String label;
    private final List<String> features;
    private final Boolean regression;
    private ArrayData encoded;

    private TableData(Table table, String label, List<String> features, Boolean regression) {
        this.table = table;
        this.label = label;
        this.features = features;
        this.regression = regression;
    }

    /** Any Tablesaw table. */
    public static TableData of(Table table) {
        return checked(table, "table(" + table.name() + ")", Set.of());
    }

    private static TableData checked(Table table, String source, Set<String> declaredText) {
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException(source + " has no rows: there is nothing to train on.");
        }
        TableChecks.check(table, source, declaredText);
        return new TableData(table, null, null, null);
    }

    /** A CSV file with a header row, column types detected by Tablesaw. */
    public static TableData csv(Path file) {
        return csv(file, Map.of());
    }

    /**
     * A CSV file with a header row, with the types of some columns declared: a column declared {@code DOUBLE} (or
     * another number type) reads cells that are not numbers as missing, {@code STRING} keeps numbers as text.
     */
    public static TableData csv(Path file, Map<String, ColumnType> types) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("csv(" + file + "): there is no such file (looked at " + file.toAbsolutePath() + ").");
        }
        try {
            Table table = Table.read().csv(CsvReadOptions.builder(file.toFile()).columnTypesPartial(asText(types)).build());
            for (Map.Entry<String, ColumnType> declared : types.entrySet()) {
                if (!ColumnType.STRING.equals(declared.getValue())) {
                    table.replaceColumn(declared.getKey(), asNumbers(table.stringColumn(declared.getKey()), declared.getValue()));
                }
            }
            return checked(table, "csv(" + file + ")", textColumns(types));
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("csv(" + file + "): could not read it: " + e.getMessage(), e.getCause());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("csv(" + file + ") is not a CSV file Tablesaw can read: " + e.getMessage(), e);
        }
    }

    /** Declared columns are read as text first; number columns are converted with their stray cells as missing. */
    private static Map<String, ColumnType> asText(Map<String, ColumnType> types) {
        Map<String, ColumnType> text = new HashMap<>();
        types.keySet().forEach(name -> text.put(name, ColumnType.STRING));
        return text;
    }

    private static Column<?> asNumbers(StringColumn text, ColumnType type) {
        DoubleColumn numbers = DoubleColumn.create(text.name());
        for (String cell : text) {
            Double number = TableChecks.number(cell);
            if (number != null) {
                numbers.append(number);
            } else {
                numbers.appendMissing();
            }
        }
        return ColumnType.DOUBLE.equals(type) ? numbers : numbers.asFloatColumn();
    }

    private static Set<String> textColumns(Map<String, ColumnType> types) {
        Set<String> text = new HashSet<>();
        types.forEach((name, type) -> {
            if (ColumnType.STRING.equals(type)) {
                text.add(name);
            }
        });
        return text;
    }

    /** The column to predict. */
    public TableData label(String column) {
        requireColumn(column, "label");
        return new TableData(table, column, features, regression);
    }

    /** The column of texts, for a text classifier: {@code csv(path).text("text").label("label")}. */
    public TextColumn text(String column) {
        requireColumn(column, "text");
        return new TextColumn(table, column);
    }

    /** Only these columns as features (default: every column but the label). */
    public TableData features(String... columns) {
        for (String column : columns) {
            requireColumn(column, "features");
        }
        return new TableData(table, label, List.of(columns), regression);
    }

    /** Every column but these (and the label) as features. */
    public TableData drop(String... columns) {
        for (String column : columns) {
            requireColumn(column, "drop");
        }
        List<String> kept = new ArrayList<>(featureColumns());
        kept.removeAll(List.of(columns));
        return new TableData(table, label, kept, regression);
    }

    /** Treats the label as a number to predict, even when it holds whole numbers. */
    public TableData regression() {
        return new TableData(table, label, features, true);
    }

    /** Treats the label as classes, even when it holds decimals. */
    public TableData classification() {
        return new TableData(table, label, features, false);
    }

    /** A seeded random {@code trainShare} of the rows to train on, the rest to test (seed 42). */
    public TableDataSet split(double trainShare) {
        return split(trainShare, Seed.DEFAULT);
    }

    /** A random {@code trainShare} of the rows to train on, the rest to test, chosen with {@code seed}. */
    public TableDataSet split(double trainShare, long seed) {
        requireLabel("split");
        int trainRows = (int) Math.round(table.rowCount() * trainShare);
        if (!(trainShare > 0 && trainShare < 1) || trainRows < 1 || trainRows >= table.rowCount()) {
            throw new IllegalArgumentException("split(" + trainShare + ") of " + table.rowCount() + " rows leaves " + trainRows
                    + " to train and " + (table.rowCount() - trainRows) + " to test: give a share above 0 and below 1 that leaves rows on both sides.");
        }
        int[] order = Permutation.of(table.rowCount(), new Random(seed));
        Table train = table.rows(Arrays.copyOfRange(order, 0, trainRows));
        Table test = table.rows(Arrays.copyOfRange(order, trainRows, order.length));
        TableEncoding encoding = TableEncoding.learn(train, featureColumns());
        List<String> names = classNames(); // once: telling classes from numbers counts the label's distinct values
        return new TableDataSet(encode(train, encoding, names), encode(test, encoding, names), encoding);
    }

    /** The table itself. */
    public Table table() {
        return table;
    }

    private List<String> featureColumns() {
        if (features != null) {
            return features;
        }
        List<String> all = new ArrayList<>(table.columnNames());
        all.remove(label);
        return all;
    }

    private boolean isRegression() {
        if (regression != null) {
            return regression;
        }
        Column<?> target = table.column(label);
        ColumnType type = target.type();
        if (ColumnType.DOUBLE.equals(type) || ColumnType.FLOAT.equals(type)) {
            return true;
        }
        return TableEncoding.isNumeric(target) && tooManyForClasses(target.countUnique(), target.size() - target.countMissing());
    }

    /**
     * Whether whole-number labels have more distinct values than classes do, so they are numbers to predict (a price,
     * a count): more than 1,000, or than 10% of the rows (5% from 1,000 rows), AutoGluon's thresholds for integer
     * labels; and, our own floor, more than 20, so that a small table's few classes stay classes. Ratings, digits and
     * codes stay classes.
     */
    static boolean tooManyForClasses(int distinct, int rows) {
        double share = rows >= 1000 ? 0.05 : 0.10;
        return distinct > 20 && (distinct > 1000 || distinct > share * rows);
    }

    /**
     * These rows as a trained model sees them: encoded with its table's standardization and categories, labelled by
     * its class names, or as numbers for a regressor (no class names), whatever the label column's type suggests
     * alone: what {@code evaluate(table)} of a trained model uses; statistics never come from these rows.
     */
    public ArrayData encodedAs(TableEncoding trained, List<String> modelClassNames) {
        requireLabel("evaluate");
        return encode(table, trained, modelClassNames);
    }

    private ArrayData encode(Table rows, TableEncoding encoding, List<String> names) {
        Shape shape = new Shape(encoding.width());
        float[] x = encoding.encode(rows);
        Column<?> target = rows.column(label);
        for (int row = 0; row < rows.rowCount(); row++) {
            if (target.isMissing(row)) {
                throw new IllegalArgumentException("Row " + row + " has no value in the label column \"" + label
                        + "\": drop such rows first (table.dropRowsWithMissingValues()).");
            }
        }
        if (names.isEmpty()) {
            if (!TableEncoding.isNumeric(target)) {
                throw new IllegalArgumentException("regression(): the label column \"" + label + "\" holds "
                        + target.type().name().toLowerCase() + " values, not numbers.");
            }
            float[] y = new float[rows.rowCount()];
            for (int row = 0; row < y.length; row++) {
                y[row] = ((Number) target.get(row)).floatValue();
            }
            return ArrayData.withValues(x, shape, y, 1, encoding);
        }
        int[] y = new int[rows.rowCount()];
        for (int row = 0; row < y.length; row++) {
            y[row] = names.indexOf(target.getString(row));
            if (y[row] < 0) {
                throw new IllegalArgumentException("Row " + row + " has the label \"" + target.getString(row) + "\" in \"" + label
                        + "\", which is not one of the model's classes " + names + ": drop such rows first.");
            }
        }
        return ArrayData.withClasses(x, shape, y, names, encoding);
    }

    /** The label's distinct values over the whole table (numbers in numeric order); empty for regression. */
    @Override
    public List<String> classNames() {
        requireLabel("classNames");
        if (isRegression()) {
            return List.of();
        }
        Column<?> target = table.column(label);
        Comparator<String> order = TableEncoding.isNumeric(target)
                ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        TreeSet<String> values = new TreeSet<>(order);
        for (int row = 0; row < target.size(); row++) {
            if (!target.isMissing(row)) {
                values.add(target.getString(row));
            }
        }
        return List.copyOf(new LinkedHashSet<>(values));
    }

    private ArrayData all() {
        requireLabel("train");
        if (encoded == null) {
            encoded = encode(table, TableEncoding.learn(table, featureColumns()), classNames());
        }
        return encoded;
    }

    private void requireLabel(String what) {
        if (label == null) {
            throw new IllegalStateException(what + ": say which column to predict first: .label(\"column\") (columns: " + table.columnNames() + ").");
        }
    }

    private void requireColumn(String column, String what) {
        if (!table.columnNames().contains(column)) {
            throw new IllegalArgumentException(what + "(\"" + column + "\"): the table has no such column; it has " + table.columnNames() + ".");
        }
    }

    @Override
    public int size() {
        return table.rowCount();
    }

    @Override
    public Shape exampleShape() {
        return all().exampleShape();
    }

    @Override
    public NDArray features(NDManager manager) {
        return all().features(manager);
    }

    @Override
    public NDArray labels(NDManager manager) {
        return all().labels(manager);
    }

    @Override
    public boolean hasClassLabels() {
        return all().hasClassLabels();
    }

    @Override
    public InputEncoding encoding() {
        return all().encoding();
    }

    @Override
    public LabeledData select(int[] indices) {
        return all().select(indices);
    }

    @Override
    public String toString() {
        String target = label == null ? "no label yet (call .label(\"column\"))"
                : "label \"" + label + "\" (" + (isRegression() ? "regression" : classNames().size() + " classes") + ")";
        return table.name() + ": " + table.rowCount() + " rows, " + target + ", features " + featureColumns();
    }
}
