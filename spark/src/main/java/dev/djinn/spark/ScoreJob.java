package dev.djinn.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A Spark job that scores a file of rows with a saved model and writes them with their predictions:
 * <pre>
 * spark-submit --class dev.djinn.spark.ScoreJob --jars "$(djinn spark-jars)" lib/spark/djinn-spark-VERSION.jar \
 *     model.djinn input.parquet scored.parquet [COLUMN…]
 * </pre>
 * Input and output are Parquet, ORC, JSON or CSV (with a header), by their extension. A local model file is
 * shipped to the executors; an {@code hdfs://}, {@code s3a://}… URI is read by each executor from there. A CSV output
 * holds the class probabilities as one text column, numbers joined by ';' (CSV has no arrays).
 */
public final class ScoreJob {
    private static final List<String> FORMATS = List.of("parquet", "orc", "json", "csv");

    private ScoreJob() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("Usage: ScoreJob MODEL.djinn INPUT OUTPUT [COLUMN...]  (INPUT and OUTPUT: .parquet, .orc, .json or .csv)");
            System.exit(2);
        }
        String modelArg = args[0];
        String input = args[1];
        String output = args[2];
        String[] columns = Arrays.copyOfRange(args, 3, args.length);
        String inFormat = format(input);
        String outFormat = format(output);
        ModelSource model = modelArg.contains("://") ? ModelSource.shared(modelArg) : ModelSource.shipped(Path.of(modelArg));
        SparkSession spark = SparkSession.builder().appName("djinn score " + modelArg).getOrCreate();
        try {
            long start = System.nanoTime();
            var reader = spark.read().format(inFormat);
            Dataset<Row> rows = inFormat.equals("csv") ? reader.option("header", "true").option("inferSchema", "true").load(input) : reader.load(input);
            Dataset<Row> scored = DjinnSpark.predict(model, rows, DjinnSpark.DEFAULT_BATCH_SIZE, columns);
            var writer = (outFormat.equals("csv") ? flatArrays(scored) : scored).write().mode(SaveMode.Overwrite).format(outFormat);
            (outFormat.equals("csv") ? writer.option("header", "true") : writer).save(output);
            long count = spark.read().format(outFormat).option("header", "true").load(output).count();
            System.out.printf(Locale.ROOT, "ScoreJob: %d rows scored with %s in %.1f s, written to %s%n",
                    count, modelArg, (System.nanoTime() - start) / 1e9, output);
        } catch (RuntimeException e) {
            // a sentence of ours, thrown on the driver or inside a task, says it better than Spark's stage report
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SparkScoringException) {
                    System.err.println("ScoreJob: " + cause.getMessage());
                    spark.stop();
                    System.exit(1);
                }
            }
            throw e;
        }
        spark.stop();
    }

    private static String format(String path) {
        String name = path.replaceAll("/+$", "");
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(extension)) {
            System.err.println("ScoreJob: " + path + " does not end in " + String.join(", ", FORMATS.stream().map(f -> "." + f).toList())
                    + ": name the file or folder by its format.");
            System.exit(2);
        }
        return extension;
    }

    /** Arrays as text, numbers joined by ';', for CSV. */
    private static Dataset<Row> flatArrays(Dataset<Row> rows) {
        Column[] columns = new Column[rows.schema().fields().length];
        StructField[] fields = rows.schema().fields();
        for (int i = 0; i < fields.length; i++) {
            Column column = functions.col(fields[i].name());
            columns[i] = fields[i].dataType() instanceof ArrayType
                    ? functions.array_join(column.cast("array<string>"), ";").as(fields[i].name()) : column;
        }
        return rows.select(columns);
    }
}
