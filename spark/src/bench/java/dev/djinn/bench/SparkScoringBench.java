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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.seed;
import static dev.djinn.Djinn.table;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * One contender of spark_benchmark.sh per JVM, as a Spark application runs:
 * <ul>
 *   <li>{@code prepare FOLDER ROWS}: ROWS patients (nine numbers, a category, a progression) to FOLDER/patients.parquet
 *       (8 files) and FOLDER/patients.csv, and a regressor trained on 5,000 of them to FOLDER/patients.djinn;</li>
 *   <li>{@code spark FOLDER CORES [NAME]}: scores the Parquet rows with Spark local[CORES], once to warm up, then timed;</li>
 *   <li>{@code predict FOLDER}: {@code net.predict(table)} of the same rows in one JVM, once to warm up, then timed.</li>
 * </ul>
 * Prints one RESULT line with rows/s and the cores the process kept busy (CPU time over wall time).
 */
public final class SparkScoringBench {
    private static final String[] NUMBERS = {"age", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"};

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[1]);
        Path parquet = folder.resolve("patients.parquet");
        Path csv = folder.resolve("patients.csv");
        Path modelFile = folder.resolve("patients.djinn");
        switch (args[0]) {
            case "prepare" -> prepare(Integer.parseInt(args[2]), parquet, csv, modelFile);
            case "spark" -> {
                int cores = Integer.parseInt(args[2]);
                String name = args.length > 3 ? args[3] : "spark-local[" + cores + "]";
                try (SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("djinn-spark-bench")
                        .config("spark.ui.enabled", "false").getOrCreate()) {
                    for (int run = 0; run < 2; run++) {
                        long start = System.nanoTime();
                        double cpuStart = cpuSeconds();
                        Dataset<Row> rows = spark.read().parquet(parquet.toString());
                        Row total = DjinnSpark.predict(modelFile, rows).agg(sum("prediction"), org.apache.spark.sql.functions.count("*")).first();
                        report(run, name, total.getLong(1), start, cpuStart, total.getDouble(0));
                    }
                }
            }
            case "predict" -> {
                Table all = Table.read().csv(csv.toFile());
                try (Model net = Model.load(modelFile)) {
                    for (int run = 0; run < 2; run++) {
                        long start = System.nanoTime();
                        double cpuStart = cpuSeconds();
                        double total = 0;
                        for (float[] prediction : net.predict(all)) {
                            total += prediction[0];
                        }
                        report(run, "single-jvm-predict", all.rowCount(), start, cpuStart, total);
                    }
                }
            }
            default -> throw new IllegalArgumentException("prepare, spark or predict, not " + args[0]);
        }
    }

    private static void report(int run, String name, long rows, long start, double cpuStart, double total) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s %s rows=%d seconds=%.3f rows_per_s=%.0f sum=%.3f cores_busy=%.2f%n",
                run == 0 ? "warm-up" : "RESULT", name, rows, seconds, rows / seconds, total, (cpuSeconds() - cpuStart) / seconds);
    }

    private static void prepare(int rows, Path parquet, Path csv, Path modelFile) throws java.io.IOException {
        try (SparkSession spark = SparkSession.builder().master("local[2]").appName("djinn-spark-bench-data")
                .config("spark.ui.enabled", "false").getOrCreate()) {
            patients(spark, rows).repartition(8).write().mode("overwrite").parquet(parquet.toString());
            Dataset<Row> written = spark.read().parquet(parquet.toString());
            toTable(written.collectAsList()).write().csv(csv.toFile());
            try (Model net = model().dense(32).relu().dense(1)) {
                net.train(table(toTable(written.limit(5000).collectAsList())).label("progression"), epochs(5), seed(1),
                        progress(ProgressListener.NONE));
                net.save(modelFile);
            }
        }
    }

    /** CPU time of the whole process (every thread: tasks, GC, JIT), to tell how many cores a run kept busy. */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
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
            table.addColumns(DoubleColumn.create(name, rows.stream().mapToDouble(row -> row.getDouble(row.fieldIndex(name))).toArray()));
        }
        table.addColumns(StringColumn.create("sex", rows.stream().map(row -> row.getString(row.fieldIndex("sex"))).toList()));
        table.addColumns(DoubleColumn.create("progression", rows.stream().mapToDouble(row -> row.getDouble(row.fieldIndex("progression"))).toArray()));
        return table;
    }
}
