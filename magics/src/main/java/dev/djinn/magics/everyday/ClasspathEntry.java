package dev.djinn.magics.everyday;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipFile;

/**
 * What may join the class path cells compile against: a readable folder, or a regular file that opens as a jar.
 * Anything else (a truncated jar, a device, a pipe) would be accepted by JShell and then break the compiler for every
 * later cell, so it is refused with a sentence before it gets there.
 */
public final class ClasspathEntry {
    private ClasspathEntry() {
    }

    /** Why {@code path} cannot be added to the class path, or empty when it can. */
    public static Optional<String> problem(Path path) {
        if (Files.isDirectory(path)) {
            return Files.isReadable(path) ? Optional.empty() : Optional.of(path + " is a folder this process cannot read.");
        }
        if (!Files.exists(path)) {
            return Optional.of(path + " does not exist.");
        }
        if (!Files.isRegularFile(path)) {
            // a pipe or a device: opening it could block forever or read without end
            return Optional.of(path + " is not a regular file (a pipe or a device?): add a jar file or a folder of classes.");
        }
        try (ZipFile jar = new ZipFile(path.toFile())) {
            jar.stream().forEach(entry -> { }); // reads the whole central directory
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(path + " is not a readable jar (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "): it may be truncated or still being written; download or build it again.");
        }
    }
}
