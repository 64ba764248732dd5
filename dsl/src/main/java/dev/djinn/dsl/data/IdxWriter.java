package dev.djinn.dsl.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/** Writes unsigned-byte IDX files (the MNIST format), gzipped, atomically. */
public final class IdxWriter {
    private IdxWriter() {
    }

    /** {@code dimensions} of unsigned bytes {@code data} to {@code file} (gzipped when it ends in .gz). */
    public static void write(Path file, int[] dimensions, byte[] data) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream raw = Files.newOutputStream(partial);
             OutputStream maybeGzip = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
             DataOutputStream out = new DataOutputStream(maybeGzip)) {
            out.writeInt(0x00000800 | dimensions.length); // magic: unsigned bytes, then the number of dimensions
            for (int dimension : dimensions) {
                out.writeInt(dimension);
            }
            out.write(data);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
