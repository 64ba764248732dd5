package dev.djinn.dsl.model;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the array headers of a saved parameter stream (DJL's {@code NDAR} encoding) without allocating anything, so
 * that a file declaring a 2 GB parameter, or parameters that contradict the architecture, fails with a sentence
 * before DJL allocates what the file declares.
 */
final class ParameterScan {
    private static final byte[] MARK = {0, 4, 'N', 'D', 'A', 'R'};
    private static final int MAX_DIMENSIONS = 32;

    private ParameterScan() {
    }

    /** The shapes of the arrays in {@code bytes}, in order; fails if one declares more data than the stream holds. */
    static List<Shape> shapes(byte[] bytes) {
        List<Shape> shapes = new ArrayList<>();
        for (int at = indexOf(bytes, 0); at >= 0; ) {
            Header header = header(bytes, at);
            shapes.add(header.shape());
            at = indexOf(bytes, header.dataStart() + header.dataLength());
        }
        return shapes;
    }

    /** Checks the stream's arrays against the parameter shapes the architecture needs, in order. */
    static void check(byte[] bytes, List<Shape> expected, String architecture) {
        List<Shape> found = shapes(bytes);
        for (int i = 0; i < Math.max(found.size(), expected.size()); i++) {
            Shape inFile = i < found.size() ? found.get(i) : null;
            Shape needed = i < expected.size() ? expected.get(i) : null;
            if (inFile == null || !inFile.equals(needed)) {
                throw new IllegalArgumentException("parameter " + (i + 1) + " has shape " + (inFile == null ? "(missing)" : inFile)
                        + " in the file, but " + architecture + " needs " + (needed == null ? "no more parameters" : needed)
                        + ": the file's input shape or layers contradict its parameters");
            }
        }
    }

    private record Header(Shape shape, int dataStart, int dataLength) {
    }

    private static Header header(byte[] bytes, int at) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, at, bytes.length - at))) {
            in.readUTF(); // NDAR
            // DJL's NDSerializer, versions 1 to 3: [has name, name], sparse format, data type, shape, [byte order], length
            int version = in.readInt();
            if (version < 1 || version > 3) {
                throw new IllegalArgumentException("a parameter is in array encoding " + version + ", which this Djinn cannot read");
            }
            if (version > 1 && in.readByte() == 1) {
                in.readUTF(); // name
            }
            in.readUTF(); // sparse format
            DataType type = DataType.valueOf(in.readUTF());
            int dimensions = in.readInt();
            if (dimensions < 0 || dimensions > MAX_DIMENSIONS) {
                throw new IllegalArgumentException("a parameter declares " + dimensions + " dimensions");
            }
            long[] shape = new long[dimensions];
            long elements = 1;
            for (int d = 0; d < dimensions; d++) {
                shape[d] = in.readLong();
                if (shape[d] < 0 || (shape[d] > 0 && elements > Long.MAX_VALUE / shape[d])) {
                    throw new IllegalArgumentException("a parameter declares the impossible shape " + new Shape(shape));
                }
                elements *= shape[d];
            }
            int layout = in.readInt();
            if (layout < 0 || layout > MAX_DIMENSIONS) {
                throw new IllegalArgumentException("a parameter declares " + layout + " layout letters");
            }
            in.skipBytes(2 * layout);
            if (version > 2) {
                in.readByte(); // byte order
            }
            int length = in.readInt();
            int dataStart = bytes.length - in.available();
            long declared = elements * type.getNumOfBytes();
            if (length < 0 || length != declared || length > bytes.length - dataStart) {
                throw new IllegalArgumentException("a parameter of shape " + new Shape(shape) + " declares " + length
                        + " bytes of data, but the file holds " + (bytes.length - dataStart) + " after it");
            }
            return new Header(new Shape(shape), dataStart, length);
        } catch (IOException e) {
            throw new IllegalArgumentException("the parameters end inside an array header");
        }
    }

    private static int indexOf(byte[] bytes, int from) {
        outer:
        for (int i = Math.max(0, from); i <= bytes.length - MARK.length; i++) {
            for (int j = 0; j < MARK.length; j++) {
                if (bytes[i + j] != MARK[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
