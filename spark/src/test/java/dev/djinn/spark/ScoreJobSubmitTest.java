package dev.djinn.spark;

import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.seed;
import static dev.djinn.Djinn.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example job goes through spark-submit's own entry point (SparkSubmit, what the spark-submit script runs) in a
 * JVM that has only Spark on its class path: Djinn arrives as the application jar and {@code --jars}, as on a cluster.
 */
class ScoreJobSubmitTest {
    @TempDir
    Path folder;

    @Test
    void sparkSubmitScoresACsvWithASavedModelAsTheModelDoesItself() throws Exception {
        Table flowers = Flowers.table(2000, 21);
        Path csv = folder.resolve("flowers.csv");
        flowers.removeColumns("species").write().csv(csv.toFile());
        try (Model net = model().dense(16).relu().dense(3)) {
            net.train(table(Flowers.table(600, 5)).label("species"), epochs(3), seed(3), progress(ProgressListener.NONE));
            float[][] expected = net.predict(flowers);
            Path file = net.save(folder.resolve("flowers.djinn"));
            Path out = folder.resolve("scored.csv");
            Process job = submit("--master", "local[2]", "--class", ScoreJob.class.getName(), "--jars", String.join(",", jobJars()),
                    appJar().toString(), file.toString(), csv.toString(), out.toString());
            String log = new String(job.getInputStream().readAllBytes());
            assertEquals(0, job.waitFor(), log);
            assertTrue(log.contains("ScoreJob: 2000 rows scored with " + file), log);
            List<String> lines = new ArrayList<>();
            try (Stream<Path> parts = Files.list(out)) {
                for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                    List<String> partLines = Files.readAllLines(part);
                    lines.addAll(partLines.subList(1, partLines.size()));
                }
            }
            assertEquals(2000, lines.size());
            Set<String> seen = new HashSet<>();
            for (String line : lines) {
                String[] cells = line.split(",");
                // length, colour, width, prediction, prediction_index, probability, probabilities
                int row = rowOf(flowers, Double.parseDouble(cells[0]), Double.parseDouble(cells[2]));
                String[] probabilities = cells[6].split(";");
                for (int c = 0; c < 3; c++) {
                    assertEquals(expected[row][c], Float.parseFloat(probabilities[c]), 0f, "row " + row);
                }
                assertEquals(net.classNames().get(Integer.parseInt(cells[4])), cells[3]);
                seen.add(cells[0] + "/" + cells[2]);
            }
            assertEquals(2000, seen.size(), "every row once");
        }
    }

    @Test
    void aMissingInputColumnEndsTheJobWithASentence() throws Exception {
        Path csv = folder.resolve("narrow.csv");
        Files.writeString(csv, "length,colour\n5.0,red\n");
        try (Model net = model().dense(3)) {
            net.train(table(Flowers.table(200, 5)).label("species"), epochs(1), seed(3), progress(ProgressListener.NONE));
            Path file = net.save(folder.resolve("narrow.djinn"));
            Process job = submit("--master", "local[1]", "--class", ScoreJob.class.getName(), "--jars", String.join(",", jobJars()),
                    appJar().toString(), file.toString(), csv.toString(), folder.resolve("out.parquet").toString());
            String log = new String(job.getInputStream().readAllBytes());
            assertEquals(1, job.waitFor(), log);
            assertTrue(log.contains("ScoreJob: The DataFrame has no column \"width\"; this model was trained on the columns [length, colour, width]"), log);
        }
    }

    private static int rowOf(Table flowers, double length, double width) {
        for (int i = 0; i < flowers.rowCount(); i++) {
            if (flowers.doubleColumn("length").get(i) == length && flowers.doubleColumn("width").get(i) == width) {
                return i;
            }
        }
        throw new AssertionError("no row " + length + ", " + width);
    }

    /**
     * java … SparkSubmit ARGS, with Spark and the libraries it shares with Djinn on the class path, but not Djinn,
     * DJL, PyTorch or Tablesaw: those come only through --jars.
     */
    private Process submit(String... args) throws IOException {
        String sparkOnly = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("classes") && !Path.of(entry).getFileName().toString().startsWith("djinn-")
                        && Stream.of("/ai/djl/", "/tech/tablesaw/", "/com/microsoft/onnxruntime/").noneMatch(entry::contains))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dai.djl.offline=true", "-Dlog4j2.configurationFile=" + Path.of("src/test/resources/log4j2.properties").toAbsolutePath()));
        // Spark's JVM options, as this test JVM got them from the build (spark/pom.xml)
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("--add-opens") || argument.startsWith("-Djdk.reflect") || argument.startsWith("-Dio.netty"))
                .forEach(command::add);
        command.addAll(List.of("-cp", sparkOnly, "org.apache.spark.deploy.SparkSubmit"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).directory(folder.toFile()).start();
    }

    /** The jars the build lists for a job (target/job-classpath.txt): the DSL and what it runs on, without Spark. */
    private static List<String> jobJars() throws IOException {
        return List.of(Files.readString(Path.of("target/job-classpath.txt")).strip().split(File.pathSeparator));
    }

    /** The bridge as the application jar: its compiled classes, packed. */
    private Path appJar() throws IOException {
        Path jar = folder.resolve("djinn-spark.jar");
        Path classes = Path.of("target/classes");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
