package dev.djinn.magics.everyday;

import org.eclipse.aether.artifact.Artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Djinn's Spark bridge ({@code dev.djinn.spark}) rides along with Spark: it calls Spark, so it must load where Spark
 * loads, beside the jars %maven adds, not on the kernel's own class path. The distribution keeps it in
 * {@code lib/spark}; %maven adds it when it adds Spark SQL for Scala 2.13 (Spark 4).
 */
final class SparkBridge {
    private SparkBridge() {
    }

    /** The bridge's jar, when {@code artifacts} bring Spark SQL. */
    static Optional<Path> forArtifacts(List<Artifact> artifacts, Path djinnHome) {
        boolean spark = artifacts.stream().anyMatch(artifact -> artifact.getGroupId().equals("org.apache.spark")
                && artifact.getArtifactId().equals("spark-sql_2.13"));
        if (!spark || djinnHome == null) {
            return Optional.empty();
        }
        try (Stream<Path> jars = Files.list(djinnHome.resolve("lib").resolve("spark"))) {
            return jars.filter(jar -> jar.getFileName().toString().matches("djinn-spark-.*\\.jar")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Path home() {
        String home = System.getProperty("djinn.home");
        return home == null ? null : Path.of(home);
    }
}
