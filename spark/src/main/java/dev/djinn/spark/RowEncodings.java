package dev.djinn.spark;

import ai.djl.ndarray.types.Shape;
import dev.djinn.dsl.data.ImageEncoding;
import dev.djinn.dsl.data.TableEncoding;
import dev.djinn.dsl.serve.Predictor;
import org.apache.spark.sql.Row;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The ways rows become model inputs; {@link InputColumns} picks one on the driver. */
final class RowEncodings {
    private RowEncodings() {
    }

    /** One string column, tokenized as the training texts were. */
    record Texts(int index, String column) implements RowEncoding {
        @Override
        public float[] encode(List<Row> rows, Predictor model) {
            List<String> texts = new ArrayList<>(rows.size());
            for (Row row : rows) {
                texts.add((String) notNull(row, index, column));
            }
            return model.encodeTexts(texts);
        }
    }

    /** A table model's columns by name, standardized and one-hot encoded as the training table was (missing values alike). */
    record Records(int[] indices) implements RowEncoding {
        @Override
        public float[] encode(List<Row> rows, Predictor model) {
            TableEncoding table = (TableEncoding) model.encoding();
            int width = table.width();
            float[] encoded = new float[rows.size() * width];
            Object[] values = new Object[indices.length];
            for (int r = 0; r < rows.size(); r++) {
                Row row = rows.get(r);
                for (int c = 0; c < indices.length; c++) {
                    values[c] = row.get(indices[c]);
                }
                try {
                    table.encode(values, encoded, r * width);
                } catch (IllegalArgumentException e) {
                    throw new SparkScoringException("A row cannot be scored: " + e.getMessage() + ".", e);
                }
            }
            return encoded;
        }
    }

    /**
     * One array column per input, concatenated in the model's input order; whole-number pixels are scaled by the
     * model's image encoding ({@code scalePixels}), other values used as they are.
     */
    record NumberArrays(int[] indices, String[] columns, int[] widths, boolean scalePixels) implements RowEncoding {
        @Override
        public float[] encode(List<Row> rows, Predictor model) {
            ImageEncoding pixels = scalePixels ? (ImageEncoding) model.encoding() : null;
            int width = Arrays.stream(widths).sum();
            float[] values = new float[rows.size() * width];
            int at = 0;
            for (Row row : rows) {
                for (int c = 0; c < indices.length; c++) {
                    List<Object> array = row.getList(notNullIndex(row, indices[c], columns[c]));
                    if (array.size() != widths[c]) {
                        throw new SparkScoringException("Column \"" + columns[c] + "\" has a row of " + array.size() + " values; this model takes "
                                + widths[c] + " there: filter out or fix rows whose arrays have another length.");
                    }
                    for (Object value : array) {
                        if (value == null) {
                            throw new SparkScoringException("Column \"" + columns[c] + "\" has a row with a null inside its array: fill or drop such rows first.");
                        }
                        float number = ((Number) value).floatValue();
                        values[at++] = pixels == null ? number : pixels.scaled(number);
                    }
                }
            }
            return values;
        }
    }

    /** Image files (PNG, JPEG, GIF, BMP), decoded, resized and scaled as {@code predict(image)} does. */
    record ImageFiles(int index, String column) implements RowEncoding {
        @Override
        public float[] encode(List<Row> rows, Predictor model) {
            ImageEncoding image = (ImageEncoding) model.encoding();
            Shape shape = model.exampleShape();
            int width = (int) shape.size();
            float[] values = new float[rows.size() * width];
            for (int i = 0; i < rows.size(); i++) {
                byte[] bytes = (byte[]) notNull(rows.get(i), index, column);
                BufferedImage decoded;
                try {
                    decoded = ImageIO.read(new ByteArrayInputStream(bytes));
                } catch (IOException e) {
                    decoded = null;
                }
                if (decoded == null) {
                    throw new SparkScoringException("Column \"" + column + "\" has a value of " + bytes.length
                            + " bytes that is not an image file Java can read (PNG, JPEG, GIF, BMP): filter such rows out first.");
                }
                System.arraycopy(image.encode(decoded, shape), 0, values, i * width, width);
            }
            return values;
        }
    }

    private static Object notNull(Row row, int index, String column) {
        return row.get(notNullIndex(row, index, column));
    }

    private static int notNullIndex(Row row, int index, String column) {
        if (row.isNullAt(index)) {
            throw new SparkScoringException("Column \"" + column + "\" is null in a row: drop such rows (rows.na().drop(new String[] {\""
                    + column + "\"})) or fill them before scoring.");
        }
        return index;
    }
}
