package dev.djinn.dsl.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds a data set's folder, in order: an explicit path, {@code $DJINN_DATA/<name>}, {@code ~/.djinn/data/<name>},
 * {@code /usr/share/datasets/<name>} (where Debian's {@code dataset-fashion-mnist} installs); then, for MNIST and
 * Fashion-MNIST when DJL is allowed online, a download through DJL into {@code ~/.djinn/data/<name>}.
 */
public final class DataSetFinder {
    static final Path DEBIAN_DATASETS = Path.of("/usr/share/datasets");

    private final Map<String, String> environment;
    private final Path home;
    private final Path systemDatasets;

    public DataSetFinder(Map<String, String> environment, Path home, Path systemDatasets) {
        this.environment = environment;
        this.home = home;
        this.systemDatasets = systemDatasets;
    }

    /** The finder for this process: its environment, the user's home, and Debian's data set folder. */
    public static DataSetFinder standard() {
        return new DataSetFinder(System.getenv(), Path.of(System.getProperty("user.home")), DEBIAN_DATASETS);
    }

    /** The folders searched for {@code name}, first match wins; {@code explicit} may be null. */
    public List<Path> candidates(String name, Path explicit) {
        List<Path> candidates = new ArrayList<>();
        if (explicit != null) {
            candidates.add(explicit);
        }
        String dataHome = environment.get("DJINN_DATA");
        if (dataHome != null && !dataHome.isBlank()) {
            candidates.add(Path.of(dataHome).resolve(name));
        }
        candidates.add(placed(name));
        candidates.add(systemDatasets.resolve(name));
        return candidates;
    }

    /** Where Djinn places a data set it downloads or converts: {@code ~/.djinn/data/<name>}. */
    public Path placed(String name) {
        return home.resolve(".djinn").resolve("data").resolve(name);
    }

    /** The first candidate folder that holds every one of {@code files} (each plain or gzipped), without downloading. */
    public Optional<Path> findLocally(String name, Path explicit, List<String> files) {
        return candidates(name, explicit).stream()
                .filter(folder -> files.stream().allMatch(file -> locate(folder, file).isPresent()))
                .findFirst();
    }

    /**
     * The first candidate folder that holds every one of {@code files}, else the data set downloaded when it can be.
     * An explicit folder is used or refused: another copy of the data set never stands in for the one asked for.
     */
    public Path find(String name, Path explicit, List<String> files) {
        if (explicit != null) {
            return explicitFolder(name, explicit, files);
        }
        Optional<Path> local = findLocally(name, explicit, files);
        if (local.isPresent()) {
            return local.get();
        }
        if (explicit == null && DataSetDownload.isAvailable(name)) {
            return DataSetDownload.download(name, placed(name));
        }
        List<Path> searched = candidates(name, explicit);
        String where = searched.stream().map(path -> "  " + path).collect(Collectors.joining("\n"));
        throw new DataSetNotFoundException("The " + name + " data set was not found. Djinn looked for "
                + String.join(", ", files) + " (each may end in .gz) in:\n" + where + "\n"
                + DataSetDownload.whyNot(explicit == null ? name : "")
                + "Put the files in one of these folders (or pass the folder: " + name.replace("-m", "M").replace("-", "")
                + "(Path.of(\"...\"))), set DJINN_DATA to a folder holding " + name + "/, "
                + (name.equals("fashion-mnist") ? "or install Debian's package: sudo apt-get install dataset-fashion-mnist."
                : "or run install/quickstart.sh, which places the data sets."));
    }

    private static Path explicitFolder(String name, Path folder, List<String> files) {
        if (!Files.isDirectory(folder)) {
            throw new DataSetNotFoundException("The folder " + folder.toAbsolutePath() + " given for " + name + " does not exist"
                    + (Files.exists(folder) ? " as a folder (it is a file)" : "") + ": pass the folder that holds "
                    + String.join(", ", files) + ", or call it without a path to use the data set Djinn finds.");
        }
        List<String> missing = files.stream().filter(file -> locate(folder, file).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new DataSetNotFoundException("The folder " + folder.toAbsolutePath() + " given for " + name + " lacks "
                    + String.join(", ", missing) + " (each may end in .gz): add " + (missing.size() == 1 ? "it" : "them")
                    + ", or call it without a path to use the data set Djinn finds.");
        }
        return folder;
    }

    /** The file itself, or its {@code .gz} twin, if either exists in {@code folder}. */
    public static Optional<Path> locate(Path folder, String file) {
        for (Path candidate : List.of(folder.resolve(file), folder.resolve(file + ".gz"))) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
