package dev.djinn.dsl.data;

import dev.djinn.dsl.evaluate.Evaluation;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.model.Prediction;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static dev.djinn.Djinn.adam;
import static dev.djinn.Djinn.batchSize;
import static dev.djinn.Djinn.csv;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.load;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableDataTest {
    @TempDir
    Path folder;

    /**
     * Houses: size in m² (numbers in the hundreds), city (text), garden (boolean); price depends on all three;
     * "band" is the price as a class (cheap / mid / dear).
     */
    static Path houses(Path folder, int n, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("id,size,city,garden,price,band\n");
        String[] cities = {"Oslo", "Bergen", "Tromsø"};
        for (int i = 0; i < n; i++) {
            double size = 40 + random.nextDouble() * 160;
            String city = cities[random.nextInt(3)];
            boolean garden = random.nextBoolean();
            double price = size * 0.05 + (city.equals("Oslo") ? 4 : city.equals("Bergen") ? 2 : 0) + (garden ? 1.5 : 0)
                    + random.nextGaussian() * 0.2;
            String band = price < 6 ? "cheap" : price < 9 ? "mid" : "dear";
            csv.append(String.format(java.util.Locale.ROOT, "%d,%.1f,%s,%s,%.3f,%s%n", i, size, city, garden, price, band));
        }
        Path file = folder.resolve("houses-" + seed + ".csv");
        Files.writeString(file, csv);
        return file;
    }

    /**
     * A trained model evaluates a new, unsplit table with its own encoding and classes: statistics never come from
     * the rows being scored, and a table without one of the classes keeps the labels where the model has them.
     */
    @Test
    void aTrainedModelEvaluatesANewTableWithItsOwnEncodingAndClasses() throws IOException {
        try (Model net = model().dense(16).relu().dense(3).optimizer(adam(0.01))) {
            net.train(csv(houses(folder, 400, 1)).features("size", "city", "garden").label("band"), epochs(20), batchSize(32),
                    progress(ProgressListener.NONE));
            // only big Oslo houses: other means and spreads than the training rows, and no "cheap" one
            Table big = csv(houses(folder, 600, 2)).table().where(t -> t.doubleColumn("size").isGreaterThan(150)
                    .and(t.stringColumn("city").isEqualTo("Oslo")));
            assertTrue(big.rowCount() > 20 && !big.stringColumn("band").asList().contains("cheap"), big.rowCount() + " rows");
            List<Prediction> predicted = net.classify(big);
            long right = 0;
            for (int i = 0; i < big.rowCount(); i++) {
                right += predicted.get(i).className().equals(big.stringColumn("band").get(i)) ? 1 : 0;
            }
            Evaluation evaluation = net.evaluate(dev.djinn.Djinn.table(big).features("size", "city", "garden").label("band"));
            assertEquals((double) right / big.rowCount(), evaluation.accuracy(), 1e-9);
            var bigData = dev.djinn.Djinn.table(big).features("size", "city", "garden").label("band");
            float[][] byData = net.predict(bigData);
            float[][] byRows = net.predict(big);
            for (int i = 0; i < big.rowCount(); i++) {
                assertArrayEquals(byRows[i], byData[i], 1e-6f, "row " + i + ": the table's data is encoded as the training rows were");
            }
            assertEquals(predicted.stream().map(Prediction::className).toList(),
                    net.classify(bigData).stream().map(Prediction::className).toList());
            Table strange = big.copy();
            strange.stringColumn("band").set(0, "palace");
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> net.evaluate(dev.djinn.Djinn.table(strange).features("size", "city", "garden").label("band")));
            assertTrue(unknown.getMessage().contains("Row 0 has the label \"palace\" in \"band\", which is not one of the model's classes [cheap, dear, mid]"),
                    unknown.getMessage());
        }
    }

    /** A regressor evaluates a CSV whose targets happen to be whole numbers ("151.0", read as integers) as numbers. */
    @Test
    void aTrainedRegressorEvaluatesWholeNumberTargetsAsNumbers() throws IOException {
        try (Model net = model().dense(8).relu().dense(1).optimizer(adam(0.01))) {
            net.train(csv(houses(folder, 300, 1)).features("size", "city", "garden").label("price"), epochs(5), progress(ProgressListener.NONE));
            Path whole = folder.resolve("whole.csv");
            Files.writeString(whole, "size,city,garden,price\n120.0,Oslo,true,11.0\n60.0,Bergen,false,5.0\n");
            var data = csv(whole).label("price");
            Evaluation evaluation = net.evaluate(data);
            float[][] predicted = net.predict(data.table());
            double mae = (Math.abs(predicted[0][0] - 11.0) + Math.abs(predicted[1][0] - 5.0)) / 2;
            assertEquals(mae, evaluation.mae(), 1e-4);
        }
    }

    /**
     * Tablesaw's class initialization can leave two equal DoubleColumnType objects (a table built in code before any
     * CSV is read gets the other one): a number column is standardized whichever it has, never one-hot encoded.
     */
    @Test
    void aNumberColumnIsANumberWhateverInstanceOfItsTypeTablesawHandsOut() throws ReflectiveOperationException {
        var field = tech.tablesaw.columns.numbers.DoubleColumnType.class.getDeclaredField("INSTANCE");
        field.setAccessible(true);
        Object original = field.get(null);
        var constructor = tech.tablesaw.columns.numbers.DoubleColumnType.class.getDeclaredConstructor(int.class, String.class, String.class);
        constructor.setAccessible(true);
        try {
            field.set(null, constructor.newInstance(8, "DOUBLE", "Double"));
            Table table = Table.create("t", tech.tablesaw.api.DoubleColumn.create("x", 1.5, 2.5, 3.5, 4.5),
                    tech.tablesaw.api.StringColumn.create("y", "a", "b", "a", "b"));
            assertTrue(table.column("x").type() != tech.tablesaw.api.ColumnType.DOUBLE, "the test made a second instance");
            var encoding = dev.djinn.Djinn.table(table).label("y").split(0.5, 1).encoding();
            assertTrue(encoding.isNumeric("x"), encoding.toString());
        } finally {
            field.set(null, original);
        }
    }

    @Test
    void aCsvClassifierUsesNumericAndCategoricalColumns() throws IOException {
        TableDataSet data = csv(houses(folder, 600, 1)).label("band").drop("id", "price").split(0.8);
        assertEquals(480, data.train().size());
        assertEquals(120, data.test().size());
        assertEquals(List.of("cheap", "dear", "mid"), data.train().classNames());
        assertEquals(1 + 3 + 2, data.encoding().width(), "size, three cities, two garden values");
        try (Model net = model().dense(16).relu().dense(3).optimizer(adam(0.01))) {
            net.train(data, epochs(40), batchSize(32), progress(ProgressListener.NONE));
            Evaluation evaluation = net.evaluate(data.test());
            assertTrue(evaluation.accuracy() > 0.85, evaluation.toString());

            Table fresh = Table.read().csv(houses(folder, 50, 9).toFile());
            List<Prediction> predictions = net.classify(fresh);
            long right = 0;
            for (int i = 0; i < predictions.size(); i++) {
                if (predictions.get(i).className().equals(fresh.stringColumn("band").get(i))) {
                    right++;
                }
            }
            assertTrue(right >= 40, right + " of 50 new rows classified right through predict(table)");

            Path saved = net.save(folder.resolve("houses.djinn"));
            try (Model again = load(saved)) {
                assertArrayEquals(net.predict(fresh)[7], again.predict(fresh)[7], 1e-6f, "the standardization and categories are saved");
                assertEquals(net.classify(fresh).get(3).className(), again.classify(fresh).get(3).className());
            }
        }
    }

    @Test
    void aServedTableModelTakesColumnsByName() throws Exception {
        TableDataSet data = csv(houses(folder, 400, 5)).label("price").drop("id", "band").split(0.8);
        try (Model net = model().dense(16).relu().dense(1).optimizer(adam(0.01))) {
            net.train(data, epochs(40), batchSize(32), progress(ProgressListener.NONE));
            try (var server = net.serve(0)) {
                var client = java.net.http.HttpClient.newHttpClient();
                java.util.function.Function<String, java.net.http.HttpResponse<String>> post = body -> {
                    try {
                        return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/predict"))
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                };
                var answer = post.apply("{\"inputs\": [{\"size\": 100, \"city\": \"Oslo\", \"garden\": true}, {\"size\": 100, \"city\": \"Tromsø\", \"garden\": false}]}");
                assertEquals(200, answer.statusCode(), answer.body());
                var predictions = com.google.gson.JsonParser.parseString(answer.body()).getAsJsonObject().getAsJsonArray("predictions");
                double oslo = predictions.get(0).getAsJsonObject().get("value").getAsDouble();
                double tromso = predictions.get(1).getAsJsonObject().get("value").getAsDouble();
                assertEquals(5 + 4 + 1.5, oslo, 0.6, "100 m² in Oslo with a garden");
                assertEquals(5, tromso, 0.6, "100 m² in Tromsø without");
                var missing = post.apply("{\"input\": {\"size\": 100, \"garden\": true}}");
                assertEquals(400, missing.statusCode());
                assertTrue(missing.body().contains("missing column \\\"city\\\""), missing.body());
                var wrongType = post.apply("{\"input\": {\"size\": \"big\", \"city\": \"Oslo\", \"garden\": true}}");
                assertEquals(400, wrongType.statusCode());
                assertTrue(wrongType.body().contains("takes a number"), wrongType.body());
            }
        }
    }

    @Test
    void aDecimalLabelIsRegressionAndStatisticsComeFromTheTrainRowsOnly() throws IOException {
        TableData table = csv(houses(folder, 500, 2)).label("price").features("size", "city", "garden");
        TableDataSet data = table.split(0.8, 7);
        String encoding = data.encoding().toString();
        assertTrue(encoding.startsWith("size (standardized: mean "), encoding);
        assertTrue(encoding.contains("city (one-hot: Bergen, Oslo, Tromsø)"), encoding);
        // the mean in the encoding is the train rows' mean, not all rows'
        Table all = table.table();
        double trainMean = 0;
        for (int row : trainRows(data, all)) {
            trainMean += all.doubleColumn("size").get(row);
        }
        assertTrue(encoding.contains(String.format("mean %.4g", trainMean / data.train().size())), encoding);
        try (Model net = model().dense(16).relu().dense(1).optimizer(adam(0.01))) {
            net.train(data, epochs(60), batchSize(32), progress(ProgressListener.NONE));
            Evaluation evaluation = net.evaluate(data.test());
            assertTrue(evaluation.isRegression());
            assertTrue(evaluation.r2() > 0.95, evaluation.toString());
        }
    }

    /** Recovers which rows were drawn for training, by the same seeded permutation split() uses. */
    private static int[] trainRows(TableDataSet data, Table all) {
        int[] order = Permutation.of(all.rowCount(), new Random(7));
        return java.util.Arrays.copyOfRange(order, 0, data.train().size());
    }

    @Test
    void theSameSeedGivesTheSameSplit() throws IOException {
        Path file = houses(folder, 100, 3);
        float[] first = csv(file).label("band").split(0.7, 5).test().example(0);
        float[] again = csv(file).label("band").split(0.7, 5).test().example(0);
        float[] other = csv(file).label("band").split(0.7, 6).test().example(0);
        assertArrayEquals(first, again);
        assertTrue(!java.util.Arrays.equals(first, other));
    }

    @Test
    void wholeNumberLabelsWithManyValuesAreNumbersToPredictAndWithFewAreClasses() throws IOException {
        Random random = new Random(9);
        StringBuilder csv = new StringBuilder("size,rating,price\n");
        for (int i = 0; i < 1000; i++) {
            double size = 40 + random.nextDouble() * 160;
            csv.append(String.format(java.util.Locale.ROOT, "%.1f,%d,%d%n", size, 1 + random.nextInt(5),
                    Math.round(2000 * size + random.nextGaussian() * 20000)));
        }
        Path file = folder.resolve("whole-prices.csv");
        Files.writeString(file, csv);
        // a price in whole euros, as CSV files often have it, is a number to predict, not 1,000 classes
        TableData prices = csv(file).label("price").drop("rating");
        assertEquals(List.of(), prices.classNames());
        try (Model net = model().dense(8).relu().dense(1)) {
            net.train(prices, epochs(1), progress(ProgressListener.NONE));
            assertTrue(Double.isFinite(net.evaluate(prices).r2()));
        }
        assertEquals(List.of("1", "2", "3", "4", "5"), csv(file).label("rating").drop("price").classNames(), "ratings are classes");
        assertEquals(1000, csv(file).label("price").classification().classNames().size(), 10, "unless told otherwise");
        // the rule: more than 20 distinct values, and more than 1,000 or than 10% of the rows (5% from 1,000 rows)
        assertTrue(!TableData.tooManyForClasses(20, 100) && TableData.tooManyForClasses(21, 100));
        assertTrue(!TableData.tooManyForClasses(50, 1000) && TableData.tooManyForClasses(51, 1000));
        assertTrue(!TableData.tooManyForClasses(1000, 100_000) && TableData.tooManyForClasses(1001, 100_000));
    }

    @Test
    void mistakesAreSentences() throws IOException {
        Path file = houses(folder, 20, 4);
        assertEquals("label(\"colour\"): the table has no such column; it has [id, size, city, garden, price, band].",
                assertThrows(IllegalArgumentException.class, () -> csv(file).label("colour")).getMessage());
        assertTrue(assertThrows(IllegalStateException.class, () -> csv(file).split(0.8)).getMessage()
                .startsWith("split: say which column to predict first: .label(\"column\")"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> csv(file).label("band").split(1.0)).getMessage()
                .startsWith("split(1.0) of 20 rows leaves 20 to train and 0 to test"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> csv(folder.resolve("nope.csv"))).getMessage()
                .startsWith("csv(" + folder.resolve("nope.csv") + "): there is no such file"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> csv(file).label("city").regression().split(0.5)).getMessage()
                .startsWith("regression(): the label column \"city\" holds string values, not numbers."));
        try (Model net = model().dense(3)) {
            net.train(csv(file).label("band").drop("id", "price"), epochs(1), progress(ProgressListener.NONE));
            Table missingColumn = Table.read().csv(file.toFile()).removeColumns("city");
            assertTrue(assertThrows(IllegalArgumentException.class, () -> net.predict(missingColumn)).getMessage()
                    .startsWith("The table has no column \"city\"; this model was trained on the columns [size, city, garden]"));
        }
        try (Model arrays = model().dense(2)) {
            arrays.train(dev.djinn.Djinn.data(new float[][] {{0}, {1}}, new int[] {0, 1}), progress(ProgressListener.NONE));
            assertTrue(assertThrows(IllegalStateException.class, () -> arrays.predict(Table.create("t"))).getMessage()
                    .startsWith("predict(table): this model was not trained on a table"));
        }
    }

    @Test
    void aStrayWordInANumberColumnNamesItsRowAndWhatToDo() throws IOException {
        StringBuilder text = new StringBuilder("size,kind\n");
        for (int row = 1; row <= 30; row++) {
            text.append(row == 17 ? "abc" : String.valueOf(row * 1.5)).append(',').append(row % 2 == 0 ? "a" : "b").append('\n');
        }
        Path file = Files.writeString(folder.resolve("stray.csv"), text);
        String message = assertThrows(IllegalArgumentException.class, () -> csv(file)).getMessage();
        assertTrue(message.contains("column \"size\" holds numbers except at row 17 (\"abc\"), so it was read as text"), message);
        assertTrue(message.contains("csv(path, Map.of(\"size\", ColumnType.DOUBLE))"), message);
        Table declared = csv(file, java.util.Map.of("size", tech.tablesaw.api.ColumnType.DOUBLE)).table();
        assertTrue(declared.doubleColumn("size").isMissing(16), "the stray cell is missing, imputed by the training mean");
        assertEquals(3.0, declared.doubleColumn("size").get(1));
        assertEquals(tech.tablesaw.api.ColumnType.STRING,
                csv(file, java.util.Map.of("size", tech.tablesaw.api.ColumnType.STRING)).table().column("size").type());
    }

    @Test
    void anInfiniteValueNamesItsColumnAndRow() throws IOException {
        Path file = Files.writeString(folder.resolve("inf.csv"), "x,y\n1.5,0\n2.5,1\nInfinity,0\n3.5,1\n");
        String message = assertThrows(IllegalArgumentException.class, () -> csv(file)).getMessage();
        assertTrue(message.contains("column \"x\" holds Infinity at row 3, which no model can learn from"), message);
    }
}
