package dev.djinn.spark;

import dev.djinn.dsl.data.ImageEncoding;
import dev.djinn.dsl.data.InputEncoding;
import dev.djinn.dsl.data.TableEncoding;
import dev.djinn.dsl.data.TextEncoding;
import dev.djinn.dsl.serve.Predictor;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which columns feed the model and how, decided on the driver from the model's input encoding and the DataFrame's
 * schema, so that a missing column or one of the wrong type fails before any row is scored, with the column's name.
 * <ul>
 *   <li>text model: one string column;</li>
 *   <li>table model: its training columns, by name: numbers where it was trained on numbers, anything for categories;</li>
 *   <li>image model: one array of whole numbers (8-bit pixels, scaled as in training, as torchvision's ToTensor does),
 *       an array of decimals (features already scaled), or binary image files (PNG, JPEG…, as Spark's binaryFile gives them);</li>
 *   <li>other models: one array of numbers per input, used as they are.</li>
 * </ul>
 */
final class InputColumns {
    private InputColumns() {
    }

    static RowEncoding plan(Predictor model, StructType schema, List<String> columns) {
        InputEncoding encoding = model.encoding();
        if (encoding instanceof TableEncoding table) {
            return table(table, schema, columns);
        }
        if (encoding instanceof TextEncoding) {
            String column = single(schema, columns, "text", type -> type.equals(DataTypes.StringType), "strings (the texts to classify)");
            return new RowEncodings.Texts(schema.fieldIndex(column), column);
        }
        int width = (int) model.exampleShape().size();
        if (encoding instanceof ImageEncoding) {
            String column = single(schema, columns, "image", type -> isNumericArray(type) || type.equals(DataTypes.BinaryType),
                    "an array of pixel values, or binary image files");
            DataType type = schema.apply(column).dataType();
            int index = schema.fieldIndex(column);
            if (type.equals(DataTypes.BinaryType)) {
                return new RowEncodings.ImageFiles(index, column);
            }
            boolean pixels = !isDecimal(((ArrayType) type).elementType());
            return new RowEncodings.NumberArrays(new int[] {index}, new String[] {column}, new int[] {width}, pixels);
        }
        List<String> inputs = new ArrayList<>(model.namedInputs().keySet());
        if (inputs.isEmpty()) {
            String column = single(schema, columns, "array", InputColumns::isNumericArray, "an array of numbers");
            return new RowEncodings.NumberArrays(new int[] {schema.fieldIndex(column)}, new String[] {column}, new int[] {width}, false);
        }
        List<String> given = columns.isEmpty() ? inputs : columns;
        if (given.size() != inputs.size()) {
            throw new SparkScoringException("This model has " + inputs.size() + " inputs " + inputs + ": give one array column for each, in that order (got "
                    + given + ").");
        }
        int[] indices = new int[given.size()];
        int[] widths = new int[given.size()];
        for (int i = 0; i < given.size(); i++) {
            requireType(schema, given.get(i), InputColumns::isNumericArray, "an array of numbers (input \"" + inputs.get(i) + "\")");
            indices[i] = schema.fieldIndex(given.get(i));
            widths[i] = (int) model.namedInputs().get(inputs.get(i)).size();
        }
        return new RowEncodings.NumberArrays(indices, given.toArray(String[]::new), widths, false);
    }

    private static RowEncoding table(TableEncoding table, StructType schema, List<String> columns) {
        List<String> names = table.columnNames();
        if (!columns.isEmpty() && !columns.equals(names)) {
            throw new SparkScoringException("A table model reads its training columns by name, " + names
                    + ": leave the column list out, or give exactly those (got " + columns + ").");
        }
        List<String> missing = names.stream().filter(name -> !Arrays.asList(schema.fieldNames()).contains(name)).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new SparkScoringException("The DataFrame has no column" + (missing.size() > 1 ? "s " : " ") + quoted(missing)
                    + "; this model was trained on the columns " + names + " (the DataFrame has " + Arrays.asList(schema.fieldNames()) + ").");
        }
        int[] indices = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (table.isNumeric(name)) {
                requireType(schema, name, type -> type instanceof NumericType, "numbers (the model was trained on numbers there)");
            }
            indices[i] = schema.fieldIndex(name);
        }
        return new RowEncodings.Records(indices);
    }

    /** The one input column: the one given, checked to hold {@code wanted}, or the only column of a fitting type. */
    private static String single(StructType schema, List<String> columns, String kind, Predicate<DataType> fits, String wanted) {
        if (columns.size() > 1) {
            throw new SparkScoringException("This " + kind + " model takes one column; got " + columns + ".");
        }
        if (columns.size() == 1) {
            requireType(schema, columns.get(0), fits, wanted);
            return columns.get(0);
        }
        List<String> candidates = Arrays.stream(schema.fields()).filter(field -> fits.test(field.dataType()))
                .map(StructField::name).collect(Collectors.toList());
        if (candidates.size() != 1) {
            throw new SparkScoringException("Name the column to score: this " + kind + " model takes one column and the DataFrame has "
                    + (candidates.isEmpty() ? "none that fits" : candidates.size() + " that fit, " + quoted(candidates))
                    + " (its schema: " + schema.simpleString() + ").");
        }
        return candidates.get(0);
    }

    private static void requireType(StructType schema, String column, Predicate<DataType> fits, String wanted) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new SparkScoringException("The DataFrame has no column \"" + column + "\" (it has " + Arrays.asList(schema.fieldNames()) + ").");
        }
        DataType type = schema.apply(column).dataType();
        if (!fits.test(type)) {
            throw new SparkScoringException("Column \"" + column + "\" holds " + type.simpleString() + " but this model takes " + wanted
                    + " there: cast or convert the column first.");
        }
    }

    static boolean isNumericArray(DataType type) {
        return type instanceof ArrayType array && array.elementType() instanceof NumericType;
    }

    private static boolean isDecimal(DataType type) {
        return type.equals(DataTypes.FloatType) || type.equals(DataTypes.DoubleType) || type instanceof org.apache.spark.sql.types.DecimalType;
    }

    private static String quoted(List<String> names) {
        return names.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(", "));
    }
}
