package dev.djinn.dsl.data;

import ai.djl.Application;
import ai.djl.basicdataset.BasicDatasets;
import ai.djl.repository.Artifact;
import ai.djl.repository.MRL;
import ai.djl.util.Utils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The last step of the data set lookup: MNIST and Fashion-MNIST fetched through DJL's dataset repository (the same
 * files DJL's own {@code Mnist} and {@code FashionMnist} use) and stored as standard IDX files in
 * {@code ~/.djinn/data/<name>}, so later runs find them locally. Skipped when DJL runs offline
 * ({@code -Dai.djl.offline=true}, as Djinn's kernel and tests do).
 */
public final class DataSetDownload {
    /** DJL's artifact per Djinn data set name. */
    private static final Map<String, String> ARTIFACTS = Map.of("mnist", "mnist", "fashion-mnist", "fashmnist");
    /** DJL's item names, in the order of ImageDataSet.FILES. */
    private static final List<String> ITEMS = List.of("train_data", "train_labels", "test_data", "test_labels");

    private DataSetDownload() {
    }

    public static boolean isAvailable(String name) {
        return ARTIFACTS.containsKey(name) && !Utils.isOfflineMode();
    }

    /** Why the download was not tried, for the not-found sentence; empty when it can be. */
    static String whyNot(String name) {
        if (!ARTIFACTS.containsKey(name)) {
            return "";
        }
        return Utils.isOfflineMode() ? "The online download through DJL is off (ai.djl.offline=true, as in the Djinn kernel; "
                + "start with -Dai.djl.offline=false, or DJINN_DJL_OFFLINE=false for the kernel, to allow it). " : "";
    }

    /** Downloads {@code name} into {@code target} (a folder) and returns it. */
    public static Path download(String name, Path target) {
        try {
            MRL resource = MRL.dataset(BasicDatasets.REPOSITORY, Application.CV.ANY, BasicDatasets.GROUP_ID, ARTIFACTS.get(name), "1.0");
            Artifact artifact = resource.getDefaultArtifact();
            resource.prepare(artifact, null);
            Files.createDirectories(target);
            for (int i = 0; i < ITEMS.size(); i++) {
                Path file = target.resolve(ImageDataSet.FILES.get(i));
                Path partial = target.resolve(ImageDataSet.FILES.get(i) + ".part");
                try (InputStream in = resource.getRepository().openStream(artifact.getFiles().get(ITEMS.get(i)), null)) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException | RuntimeException e) {
            throw new DataSetNotFoundException("The " + name + " data set is not on this machine and downloading it through DJL failed ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "). Check the network, or place the IDX files in " + target + ".");
        }
    }
}
