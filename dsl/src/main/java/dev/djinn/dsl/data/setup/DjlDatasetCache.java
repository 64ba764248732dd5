package dev.djinn.dsl.data.setup;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.djinn.dsl.data.DataSetFinder;
import dev.djinn.dsl.data.ImageDataSet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.SimpleDateFormat;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Puts a data set's IDX files where DJL's own {@code FashionMnist.builder()} and {@code Mnist.builder()} look: DJL's
 * repository cache ({@code ~/.djl.ai/cache/repo/dataset/cv/ai/djl/basicdataset/<name>/}, or under
 * {@code DJL_CACHE_DIR}), with the {@code metadata.json} DJL reads there, so that code written for DJL (d2l-java's
 * notebooks) runs offline. A cache DJL filled itself is left as it is.
 */
final class DjlDatasetCache {
    private static final String VERSION = "1.0";
    // DJL's item keys, in the order of ImageDataSet.FILES
    private static final List<String> KEYS = List.of("train_data", "train_labels", "test_data", "test_labels");

    private DjlDatasetCache() {
    }

    /**
     * @param djlCache DJL's cache folder ({@code ai.djl.util.Utils.getCacheDir()})
     * @return the folder DJL reads the files from
     */
    static Path place(String artifactId, Path idxFolder, Path djlCache) throws IOException {
        Path base = djlCache.resolve("cache/repo/dataset/cv/ai/djl/basicdataset").resolve(artifactId);
        Path resource = base.resolve(VERSION);
        Path metadata = base.resolve("metadata.json");
        if (Files.isDirectory(resource) && Files.isRegularFile(metadata)) {
            return resource;
        }
        Files.createDirectories(base);
        deleteTree(resource); // a half-written folder of an interrupted run
        Path work = Files.createTempDirectory(base, VERSION);
        try {
            for (String name : ImageDataSet.FILES) {
                Path source = DataSetFinder.locate(idxFolder, name)
                        .orElseThrow(() -> new IOException("no " + name + " in " + idxFolder));
                try (InputStream in = source.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(source)) : Files.newInputStream(source)) {
                    Files.copy(in, work.resolve(name));
                }
            }
            Files.move(work, resource, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(work);
        }
        Files.writeString(metadata, metadata(artifactId, resource));
        return resource;
    }

    /** DJL's metadata format: one artifact of version 1.0 whose four files are those just written. */
    private static String metadata(String artifactId, Path resource) throws IOException {
        JsonObject files = new JsonObject();
        for (int i = 0; i < KEYS.size(); i++) {
            String name = ImageDataSet.FILES.get(i);
            JsonObject item = new JsonObject();
            item.addProperty("uri", name + ".gz");
            item.addProperty("name", name);
            item.addProperty("size", Files.size(resource.resolve(name)));
            files.add(KEYS.get(i), item);
        }
        JsonObject artifact = new JsonObject();
        artifact.addProperty("version", VERSION);
        artifact.addProperty("snapshot", false);
        artifact.add("files", files);
        JsonArray artifacts = new JsonArray();
        artifacts.add(artifact);
        JsonObject json = new JsonObject();
        json.addProperty("metadataVersion", "0.2");
        json.addProperty("resourceType", "dataset");
        json.addProperty("application", "cv");
        json.addProperty("groupId", "ai.djl.basicdataset");
        json.addProperty("artifactId", artifactId);
        json.addProperty("name", artifactId);
        json.addProperty("description", "placed by djinn data from the files " + resource + " holds");
        json.add("artifacts", artifacts);
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        json.addProperty("lastUpdated", format.format(new Date()));
        return new GsonBuilder().setPrettyPrinting().create().toJson(json);
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
