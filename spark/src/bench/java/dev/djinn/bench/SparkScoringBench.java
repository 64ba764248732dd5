package dev.djinn.bench;

import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.train.ProgressListener;
import dev.djinn.spark.DjinnSpark;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.seed;
import static dev.djinn.Djinn.table;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Scores ROWS rows of a ten-column table (nine numbers, one category) from Parquet with a saved regressor: Spark
 * local[1] and local[2], alternating for ROUNDS rounds after one warm-up round, beside the single-JVM
 * {@code predict(table)} of the same rows. Prints one RESULT line per measurement, with the cores the process kept busy.
 */
public final class SparkScoringBench {
    private static final String[] NUMBERS = {"age", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"};

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path folder = Files.createTempDirectory("djinn-spark-bench");
        Path parquet = folder.resolve("patients.parquet");
        Path modelFile = folder.resolve("patients.djinn");
        Table sample;
        try (SparkSession spark = session(2)) {
            Dataset<Row> patients = patients(spark, rows);
            patients.repartition(8).write().parquet(parquet.toString());
            sample = toTable(spark.read().parquet(parquet.toString()).limit(5000).collectAsList());
        }
        try (Model net = model().dense(32).relu().dense(1)) {
            net.train(table(sample).label("progression"), epochs(5), seed(1), progress(ProgressListener.NONE));
            net.save(modelFile);
        }
        // the rows for predict in one JVM, kept on disk as a Tablesaw CSV so that Spark's runs do not share the heap with them
        Path csv = folder.resolve("patients.csv");
        try (SparkSession spark = session(2)) {
            toTable(spark.read().parquet(parquet.toString()).collectAsList()).write().csv(csv.toFile());
        }
        // round 0 warms the JIT for every contender and is not reported
        for (int round = 0; round <= rounds; round++) {
            for (int cores : new int[] {1, 2}) {
                try (SparkSession spark = session(cores)) {
                    long start = System.nanoTime();
                    double cpuStart = cpuSeconds();
                    Dataset<Row> scored = DjinnSpark.predict(modelFile, spark.read().parquet(parquet.toString()));
                    double planned = (System.nanoTime() - start) / 1e9;
                    Row total = scored.agg(sum("prediction")).first();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, (round == 0 ? "warm-up" : "RESULT") + " spark-local[%d] round=%d rows=%d seconds=%.3f rows_per_s=%.0f sum=%.3f cores_busy=%.2f planning_s=%.3f%n",
                            cores, round, rows, seconds, rows / seconds, total.getDouble(0), (cpuSeconds() - cpuStart) / seconds, planned);
                }
            }
            Table all = Table.read().csv(csv.toFile());
            System.gc();
            try (Model net = Model.load(modelFile)) {
                long start = System.nanoTime();
                float[][] predictions = net.predict(all);
                double seconds = (System.nanoTime() - start) / 1e9;
                double total = 0;
                for (float[] prediction : predictions) {
                    total += prediction[0];
                }
                System.out.printf(Locale.ROOT, (round == 0 ? "warm-up" : "RESULT") + " single-jvm-predict round=%d rows=%d seconds=%.3f rows_per_s=%.0f sum=%.3f%n",
                        round, rows, seconds, rows / seconds, total);
            }
        }
    }

    /** CPU time of the whole process (every thread: tasks, GC, JIT), to tell how many cores a run kept busy. */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static SparkSession session(int cores) {
        return SparkSession.builder().master("local[" + cores + "]").appName("djinn-spark-bench")
                .config("spark.ui.enabled", "false").getOrCreate();
    }

    /** Patients like the tabular tutorial's: nine measurements, a sex coded 1/2 (a category), a progression to predict. */
    private static Dataset<Row> patients(SparkSession spark, int rows) {
        List<Column> columns = new ArrayList<>();
        Column progression = lit(150);
        for (int i = 0; i < NUMBERS.length; i++) {
            Column value = rand(i + 1).multiply(50).plus(20 + 10 * i);
            columns.add(value.as(NUMBERS[i]));
            progression = progression.plus(value.multiply((i % 3) - 1));
        }
        columns.add(when(rand(99).lt(0.5), lit("1")).otherwise(lit("2")).as("sex"));
        columns.add(progression.as("progression"));
        return spark.range(rows).select(columns.toArray(Column[]::new));
    }

    private static Table toTable(List<Row> rows) {
        Table table = Table.create("patients");
        for (String name : NUMBERS) {
            double[] values = rows.stream().mapToDouble(row -> row.getDouble(row.fieldIndex(name))).toArray();
            table.addColumns(DoubleColumn.create(name, values));
        }
        table.addColumns(StringColumn.create("sex", rows.stream().map(row -> row.getString(row.fieldIndex("sex"))).toList()));
        table.addColumns(DoubleColumn.create("progression", rows.stream().mapToDouble(row -> row.getDouble(row.fieldIndex("progression"))).toArray()));
        return table;
    }
}
