package dev.djinn.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where executors find a saved model: shipped with the job ({@link #shipped}: Spark copies it to every executor,
 * {@code SparkContext.addFile}) or on storage every executor reads ({@link #shared}: a path mounted everywhere, or a
 * Hadoop URI such as {@code hdfs://…} or {@code s3a://…}). Travels to executors inside the scoring function.
 */
public abstract sealed class ModelSource implements Serializable {
    private static final long serialVersionUID = 1L;

    private ModelSource() {
    }

    /**
     * The model file, copied by Spark to each executor. The copy is named after the file's content, so a model
     * saved again under the same name reaches executors as the new file, not as Spark's cached old one.
     */
    public static ModelSource shipped(Path file) {
        return new Shipped(readable(file));
    }

    /** A path or Hadoop URI that every executor can read; nothing is copied by Spark. */
    public static ModelSource shared(String pathOrUri) {
        return new Shared(pathOrUri);
    }

    /** The file on the driver, to plan the scoring before any task runs; fails with a sentence if it is missing. */
    abstract Path onDriver();

    /** Makes the file reach executors (for a shipped model); called once per scoring on the driver. */
    void distribute(SparkSession spark) {
    }

    /** The file on this executor; fails with a sentence naming it and the executor if it is not there. */
    abstract Path onExecutor();

    static final class Shipped extends ModelSource {
        private static final long serialVersionUID = 1L;
        private final transient Path file;
        private final String driverPath;
        private final String shippedName;

        Shipped(Path file) {
            this.file = file;
            this.driverPath = file.toAbsolutePath().toString();
            this.shippedName = contentName(file);
        }

        @Override
        Path onDriver() {
            return readable(file);
        }

        @Override
        void distribute(SparkSession spark) {
            boolean added = scala.jdk.javaapi.CollectionConverters.asJava(spark.sparkContext().listFiles()).stream()
                    .anyMatch(uri -> uri.endsWith("/" + shippedName));
            if (!added) {
                try {
                    Path folder = Files.createTempDirectory("djinn-spark");
                    Path copy = Files.copy(file, folder.resolve(shippedName), StandardCopyOption.COPY_ATTRIBUTES);
                    copy.toFile().deleteOnExit();
                    folder.toFile().deleteOnExit();
                    spark.sparkContext().addFile(copy.toString());
                } catch (IOException e) {
                    throw new SparkScoringException("Could not prepare " + file + " for shipping to executors: " + e.getMessage(), e);
                }
            }
        }

        @Override
        Path onExecutor() {
            Path local = Path.of(SparkFiles.get(shippedName));
            if (!Files.isReadable(local)) {
                throw new SparkScoringException("The model file " + shippedName + " (shipped from " + driverPath
                        + " with SparkContext.addFile) is not at " + local + " on " + executor()
                        + ": Spark did not deliver it; check the executor's log, or put the model on shared storage and use ModelSource.shared(path).");
            }
            return local;
        }

        @Override
        public String toString() {
            return "shipped " + driverPath;
        }
    }

    static final class Shared extends ModelSource {
        private static final long serialVersionUID = 1L;
        /** Hadoop files copied to this executor's disk, by URI, modification time and length: one copy per executor. */
        private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();
        private final String location;

        Shared(String location) {
            this.location = location;
        }

        @Override
        Path onDriver() {
            return local("the driver");
        }

        @Override
        Path onExecutor() {
            return local(executor());
        }

        private Path local(String where) {
            URI uri = URI.create(location.contains("://") || location.startsWith("file:") ? location : Path.of(location).toUri().toString());
            if ("file".equals(uri.getScheme())) {
                Path file = Path.of(uri);
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    throw new SparkScoringException("The model file " + file + " does not exist or cannot be read on " + where
                            + ": put it where every executor reads the same path (shared storage), or use ModelSource.shipped(path) to let Spark copy it.");
                }
                return file;
            }
            return copyFromHadoop(uri, where);
        }

        private Path copyFromHadoop(URI uri, String where) {
            try {
                org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
                FileSystem fs = path.getFileSystem(new Configuration());
                if (!fs.exists(path)) {
                    throw new SparkScoringException("The model file " + uri + " does not exist as seen from " + where
                            + ": check the URI, or use ModelSource.shipped(path) to let Spark copy a local file.");
                }
                var status = fs.getFileStatus(path);
                String key = uri + "@" + status.getModificationTime() + "/" + status.getLen();
                return COPIES.computeIfAbsent(key, k -> {
                    try {
                        Path copy = Files.createTempFile("djinn-model", ".djinn");
                        copy.toFile().deleteOnExit();
                        fs.copyToLocalFile(path, new org.apache.hadoop.fs.Path(copy.toUri()));
                        return copy;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                throw new SparkScoringException("Could not read the model file " + uri + " on " + where + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return "shared " + location;
        }
    }

    private static Path readable(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new SparkScoringException("The model file " + file.toAbsolutePath() + " does not exist or cannot be read: save the model there first (net.save(path)).");
        }
        return file;
    }

    /** {@code name-<first 12 hex digits of SHA-256>.djinn}. */
    private static String contentName(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            String digest = HexFormat.of().formatHex(in.getMessageDigest().digest()).substring(0, 12);
            String name = file.getFileName().toString().replaceFirst("\\.djinn$", "");
            return name + "-" + digest + ".djinn";
        } catch (IOException e) {
            throw new SparkScoringException("Could not read the model file " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "executor 1 on host-a", for sentences. */
    static String executor() {
        SparkEnv env = SparkEnv.get();
        String id = env == null ? "?" : env.executorId();
        try {
            return "executor " + id + " on " + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "executor " + id;
        }
    }
}
