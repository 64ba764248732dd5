package dev.djinn.dsl.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST format: a magic number {@code 0x0000 08 nd}, nd big-endian dimensions, then unsigned
 * bytes), gzip-compressed or not. Only the unsigned-byte type is used by the MNIST family, so only it is read.
 */
public final class IdxReader {
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /** The most a deflate stream expands: what a gzipped file's length allows its data to be. */
    private static final long GZIP_MAX_RATIO = 1032;

    public static IdxArray read(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            long fileLength = Files.size(file);
            try (DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw)) {
                return read(in, file, gzip ? fileLength * GZIP_MAX_RATIO : fileLength, gzip);
            }
        } catch (EOFException e) {
            throw new IdxFormatException(file + " is truncated: it ends inside its header. Download it again.");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static IdxArray read(DataInputStream in, Path file, long mostBytes, boolean gzip) throws IOException {
        int magic = in.readInt();
        int type = (magic >>> 8) & 0xFF;
        int rank = magic & 0xFF;
        if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || rank < 1 || rank > 4) {
            throw new IdxFormatException(String.format(
                    "%s is not an IDX file of unsigned bytes: its magic number is 0x%08X, expected 0x000008NN "
                            + "(NN = 01 for labels, 03 for images). Check that it is an MNIST-style *-idx?-ubyte file.",
                    file, magic));
        }
        int[] dimensions = new int[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            dimensions[i] = in.readInt();
            if (dimensions[i] <= 0) {
                throw new IdxFormatException(file + " declares dimension " + (i + 1) + " as " + dimensions[i] + "; it must be positive.");
            }
            size = size > Integer.MAX_VALUE ? size : size * dimensions[i]; // past the cap it is refused anyway: no overflow
        }
        String declared = Arrays.stream(dimensions).mapToObj(String::valueOf).collect(Collectors.joining("×"));
        if (size > Integer.MAX_VALUE - 8) {
            throw new IdxFormatException(file + " declares " + declared + " values, more than one array can hold: the file is damaged.");
        }
        long header = 4L + 4L * rank;
        if (size > mostBytes - (gzip ? 0 : header)) {
            throw new IdxFormatException(String.format("%s is truncated or damaged: its header declares %s = %d bytes of data but the "
                    + "file is only %d bytes%s. Download it again.", file, declared, size, gzip ? mostBytes / GZIP_MAX_RATIO : mostBytes,
                    gzip ? " compressed" : ""));
        }
        byte[] data = new byte[(int) size];
        int read;
        try {
            read = in.readNBytes(data, 0, data.length);
        } catch (EOFException e) {
            throw new IdxFormatException(file + " is truncated: its compressed data ends before the " + size
                    + " bytes its header declares (" + e.getMessage() + "). Download it again.");
        }
        if (read < data.length) {
            throw new IdxFormatException(String.format(
                    "%s is truncated: its header promises %d bytes of data but it holds %d. Download it again.",
                    file, data.length, read));
        }
        return new IdxArray(dimensions, data);
    }
}
