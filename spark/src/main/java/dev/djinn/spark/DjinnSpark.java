package dev.djinn.spark;

import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.model.ModelFileException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores a Spark DataFrame with a saved Djinn model, on every executor at once:
 * <pre>{@code
 * Dataset<Row> scored = DjinnSpark.predict(Path.of("fashion.djinn"), images, "pixels");
 * scored.select("prediction", "probability").show();
 * }</pre>
 * Each partition loads the model once and scores its rows in batches with the model's own input encoding (pixel
 * scaling, a table's standardization and categories, the tokenizer of a text model); the result is the DataFrame's
 * columns followed by {@code prediction}, and for a classifier {@code prediction_index}, {@code probability} and
 * {@code probabilities}. Columns are checked against the model before any row is scored. Scoring is lazy, as every
 * Spark transformation is: it runs when an action (count, write, show) asks for the rows.
 */
public final class DjinnSpark {
    /** Rows per forward pass: large enough to keep the arithmetic busy, small enough for a text model's memory. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    private DjinnSpark() {
    }

    /** Scores with the model saved in {@code modelFile}, which Spark ships to every executor. */
    public static Dataset<Row> predict(Path modelFile, Dataset<Row> rows, String... columns) {
        return predict(ModelSource.shipped(modelFile), rows, DEFAULT_BATCH_SIZE, columns);
    }

    /** Scores with a model of this session: saved to a temporary file, which Spark ships to every executor. */
    public static Dataset<Row> predict(Model model, Dataset<Row> rows, String... columns) {
        try {
            Path file = Files.createTempFile("djinn-spark", ".djinn");
            file.toFile().deleteOnExit();
            return predict(model.save(file), rows, columns);
        } catch (IOException e) {
            throw new SparkScoringException("Could not save the model to a temporary file for Spark: " + e.getMessage(), e);
        }
    }

    /** Scores with the model at {@code source}, {@code batchSize} rows per forward pass. */
    public static Dataset<Row> predict(ModelSource source, Dataset<Row> rows, int batchSize, String... columns) {
        if (batchSize < 1) {
            throw new SparkScoringException("batchSize must be at least 1 (got " + batchSize + ").");
        }
        StructType schema = rows.schema();
        RowEncoding input;
        OutputColumns output;
        Path onDriver = source.onDriver();
        try (Model model = Model.load(onDriver)) {
            var predictor = model.predictor();
            input = InputColumns.plan(predictor, schema, List.of(columns));
            int outputs = predictor.predictRows(new float[(int) predictor.exampleShape().size()], 1)[0].length;
            output = OutputColumns.of(predictor, outputs);
        } catch (ModelFileException e) {
            throw new SparkScoringException(e.getMessage(), e);
        }
        StructType scored = output.schema(schema);
        source.distribute(rows.sparkSession());
        return rows.mapPartitions(new ScorePartition(source, input, output, batchSize), Encoders.row(scored));
    }
}
