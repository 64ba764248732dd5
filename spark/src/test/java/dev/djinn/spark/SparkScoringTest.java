package dev.djinn.spark;

import ai.djl.ndarray.NDManager;
import dev.djinn.dsl.data.ImageEncoding;
import dev.djinn.dsl.data.ImageSplit;
import dev.djinn.dsl.data.setup.FortunesCsv;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.train.ProgressListener;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.fashionMnist;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.seed;
import static dev.djinn.Djinn.table;
import static dev.djinn.Djinn.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spark ({@code local[2]}, four partitions) scores 10,000 rows of each model kind exactly as the model does in one
 * JVM, bit for bit; bad columns fail before scoring and a missing model file fails with its path.
 */
class SparkScoringTest {
    private static final int ROWS = 10_000;
    private static SparkSession spark;
    @TempDir
    static Path folder;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("djinn-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void anImageModelScoresPixelsAsItDoesInOneJvm() {
        ImageSplit test = fashionMnist().test();
        try (Model net = model().dense(64).relu().dense(10)) {
            net.train(fashionMnist().train().limit(6000), epochs(1), seed(3), progress(ProgressListener.NONE));
            float[][] expected;
            try (NDManager manager = NDManager.newBaseManager()) {
                float[] flat = test.features(manager).toFloatArray();
                float[][] examples = new float[ROWS][];
                for (int i = 0; i < ROWS; i++) {
                    examples[i] = Arrays.copyOfRange(flat, i * 784, (i + 1) * 784);
                }
                expected = net.predict(examples);
            }
            List<Row> rows = new ArrayList<>();
            byte[] pixels = test.pixels();
            for (int i = 0; i < ROWS; i++) {
                int[] image = new int[784];
                for (int p = 0; p < 784; p++) {
                    image[p] = pixels[i * 784 + p] & 0xff;
                }
                rows.add(RowFactory.create(i, Arrays.stream(image).boxed().toArray(Integer[]::new)));
            }
            StructType schema = new StructType().add("id", DataTypes.IntegerType)
                    .add("pixels", DataTypes.createArrayType(DataTypes.IntegerType));
            Dataset<Row> images = spark.createDataFrame(rows, schema).repartition(4);
            Path file = net.save(folder.resolve("fashion.djinn"));
            List<Row> scored = DjinnSpark.predict(file, images, "pixels").collectAsList();
            assertSameProbabilities(expected, scored, net.classNames());
        }
    }

    @Test
    void anImageModelScoresImageFilesAsPredictImageDoes() throws IOException {
        ImageSplit test = fashionMnist().test();
        Path images = Files.createDirectories(folder.resolve("pngs"));
        List<BufferedImage> written = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            var image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int v = test.pixel(i, y, x);
                    image.setRGB(x, y, 0xff000000 | v << 16 | v << 8 | v);
                }
            }
            File png = images.resolve(String.format("%03d.png", i)).toFile();
            ImageIO.write(image, "png", png);
            written.add(ImageIO.read(png));
        }
        try (Model net = model().dense(32).relu().dense(10)) {
            net.train(fashionMnist().train().limit(3000), epochs(1), seed(3), progress(ProgressListener.NONE));
            Path file = net.save(folder.resolve("pngs.djinn"));
            Dataset<Row> files = spark.read().format("binaryFile").load(images.toString());
            List<Row> scored = DjinnSpark.predict(file, files, "content").collectAsList();
            assertEquals(60, scored.size());
            // what predict(image) does to each file, as one batch
            float[][] batch = new float[60][];
            for (int i = 0; i < 60; i++) {
                batch[i] = ((ImageEncoding) net.encoding()).encode(written.get(i), net.exampleShape());
            }
            float[][] expected = net.predict(batch);
            for (Row row : scored) {
                String name = row.getString(row.fieldIndex("path"));
                int index = Integer.parseInt(name.substring(name.lastIndexOf('/') + 1, name.lastIndexOf('.')));
                List<Float> probabilities = row.getList(row.fieldIndex("probabilities"));
                for (int c = 0; c < 10; c++) {
                    assertEquals(expected[index][c], probabilities.get(c), 0f, name);
                }
            }
        }
    }

    @Test
    void aTableModelScoresNamedColumnsAsItDoesInOneJvm() {
        Table table = Flowers.table(ROWS, 11);
        try (Model net = model().dense(16).relu().dense(3)) {
            net.train(table(Flowers.table(600, 5)).label("species"), epochs(3), seed(3), progress(ProgressListener.NONE));
            float[][] expected = net.predict(table);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                rows.add(RowFactory.create(i, table.doubleColumn("length").get(i), table.stringColumn("colour").get(i),
                        table.doubleColumn("width").get(i)));
            }
            StructType schema = new StructType().add("id", DataTypes.IntegerType).add("length", DataTypes.DoubleType)
                    .add("colour", DataTypes.StringType).add("width", DataTypes.DoubleType);
            Dataset<Row> frame = spark.createDataFrame(rows, schema).repartition(4);
            List<Row> scored = DjinnSpark.predict(net.save(folder.resolve("flowers.djinn")), frame).collectAsList();
            assertSameProbabilities(expected, scored, net.classNames());
        }
    }

    @Test
    void aTextModelScoresStringsAsItDoesInOneJvm() throws IOException {
        List<String> fortunes = new ArrayList<>();
        int[] labels = new int[4 * 150];
        for (int c = 0; c < 4; c++) {
            String file = Files.readString(FortunesCsv.DEBIAN_FOLDER.resolve(FortunesCsv.CATEGORIES.get(c)), StandardCharsets.UTF_8);
            fortunes.addAll(FortunesCsv.fortunes(file).subList(0, 150));
            Arrays.fill(labels, c * 150, (c + 1) * 150, c);
        }
        List<String> many = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String text = fortunes.get(i % fortunes.size()) + (i >= fortunes.size() ? " #" + i : "");
            many.add(text);
            rows.add(RowFactory.create(i, text));
        }
        var data = texts(fortunes, labels).maxLength(32);
        try (Model net = model().embedding(data.vocabularySize(), 16, 32).meanPool().dense(4)) {
            net.train(data, epochs(2), seed(3), progress(ProgressListener.NONE));
            float[][] expected = net.predict(many);
            StructType schema = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
            Dataset<Row> frame = spark.createDataFrame(rows, schema).repartition(4);
            List<Row> scored = DjinnSpark.predict(net.save(folder.resolve("fortunes.djinn")), frame).collectAsList();
            assertSameProbabilities(expected, scored, net.classNames());
        }
    }

    @Test
    void aRowScoredAloneGetsTheProbabilitiesItGetsInABatch() {
        Table two = Flowers.table(2, 17);
        try (Model net = model().dense(16).relu().dense(3)) {
            net.train(table(Flowers.table(300, 5)).label("species"), epochs(2), seed(3), progress(ProgressListener.NONE));
            float[][] inABatch = net.predict(two);
            Dataset<Row> one = spark.createDataFrame(List.of(RowFactory.create(0, two.doubleColumn("length").get(0),
                    two.stringColumn("colour").get(0), two.doubleColumn("width").get(0))), new StructType().add("id", DataTypes.IntegerType)
                    .add("length", DataTypes.DoubleType).add("colour", DataTypes.StringType).add("width", DataTypes.DoubleType));
            List<Row> scored = DjinnSpark.predict(net.save(folder.resolve("alone.djinn")), one).collectAsList();
            assertSameProbabilities(new float[][] {inABatch[0]}, scored, net.classNames());
        }
    }

    @Test
    void aColumnOfTheWrongTypeFailsBeforeScoringWithItsName() {
        try (Model net = model().dense(3)) {
            net.train(table(Flowers.table(200, 5)).label("species"), epochs(1), seed(3), progress(ProgressListener.NONE));
            Path file = net.save(folder.resolve("typed.djinn"));
            StructType schema = new StructType().add("length", DataTypes.StringType).add("colour", DataTypes.StringType)
                    .add("width", DataTypes.DoubleType);
            Dataset<Row> frame = spark.createDataFrame(List.of(RowFactory.create("5.1", "red", 1.0)), schema);
            SparkScoringException wrong = assertThrows(SparkScoringException.class, () -> DjinnSpark.predict(file, frame));
            assertEquals("Column \"length\" holds string but this model takes numbers (the model was trained on numbers there) there: "
                    + "cast or convert the column first.", wrong.getMessage());
            Dataset<Row> noWidth = frame.drop("width");
            SparkScoringException missing = assertThrows(SparkScoringException.class, () -> DjinnSpark.predict(file, noWidth));
            assertTrue(missing.getMessage().startsWith("The DataFrame has no column \"width\""), missing.getMessage());
        }
    }

    @Test
    void aModelFileMissingOnAnExecutorFailsWithItsPath() throws IOException {
        try (Model net = model().dense(3)) {
            net.train(table(Flowers.table(200, 5)).label("species"), epochs(1), seed(3), progress(ProgressListener.NONE));
            Path file = net.save(folder.resolve("gone.djinn"));
            Dataset<Row> frame = spark.createDataFrame(List.of(RowFactory.create(1.0, "red", 2.0)),
                    new StructType().add("length", DataTypes.DoubleType).add("colour", DataTypes.StringType).add("width", DataTypes.DoubleType));
            Dataset<Row> scored = DjinnSpark.predict(ModelSource.shared(file.toString()), frame, 64);
            Files.delete(file);
            SparkException failed = assertThrows(SparkException.class, scored::count);
            assertTrue(failed.getMessage().contains("The model file " + file + " does not exist or cannot be read on executor driver"),
                    failed.getMessage());
        }
    }

    /** Every row's probabilities equal the single-JVM ones bit for bit; the best class is named; rows are not lost. */
    private static void assertSameProbabilities(float[][] expected, List<Row> scored, List<String> classNames) {
        assertEquals(expected.length, scored.size());
        for (Row row : scored) {
            int id = row.getInt(row.fieldIndex("id"));
            List<Float> probabilities = row.getList(row.fieldIndex("probabilities"));
            float[] actual = new float[probabilities.size()];
            for (int i = 0; i < actual.length; i++) {
                actual[i] = probabilities.get(i);
            }
            assertArrayEquals(expected[id], actual, 0f, "row " + id);
            int best = row.getInt(row.fieldIndex("prediction_index"));
            assertEquals(classNames.get(best), row.getString(row.fieldIndex("prediction")));
            assertEquals(expected[id][best], row.getFloat(row.fieldIndex("probability")), 0f);
            for (float p : expected[id]) {
                assertTrue(p <= expected[id][best]);
            }
        }
    }
}
