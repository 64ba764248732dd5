package dev.djinn.dsl.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights (initializers and constant tensors) and the nodes of an ONNX file, read from its protobuf without the
 * ONNX library: ModelProto.graph (7) → GraphProto.node (1) and initializer (5) → TensorProto dims (1), data_type (2),
 * float_data (4), name (8), raw_data (9). Enough to import an exported encoder's weights by name; ONNX Runtime runs the
 * file itself.
 */
public final class OnnxGraph {
    /** A tensor: its dims as stored and its values in row-major order (int64 tensors as floats). */
    public record Tensor(String name, long[] dims, float[] values) {
        @Override
        public String toString() {
            return name + Arrays.toString(dims);
        }
    }

    /** One operation: its kind ("MatMul") and the names of its inputs and outputs. */
    public record Node(String opType, List<String> inputs, List<String> outputs) {
    }

    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final Map<String, Tensor> tensors;
    private final List<Node> nodes;

    private OnnxGraph(Map<String, Tensor> tensors, List<Node> nodes) {
        this.tensors = tensors;
        this.nodes = nodes;
    }

    /** Reads {@code file}; an unreadable or non-ONNX file fails with a sentence naming it. */
    public static OnnxGraph read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            List<Node> nodes = new ArrayList<>();
            Wire model = new Wire(bytes, 0, bytes.limit());
            boolean sawGraph = false;
            while (model.more()) {
                int tag = model.tag();
                if (tag >>> 3 == 7 && (tag & 7) == 2) {
                    sawGraph = true;
                    readGraph(model.message(), tensors, nodes);
                } else {
                    model.skip(tag);
                }
            }
            if (!sawGraph) {
                throw new IllegalArgumentException("it has no ONNX graph");
            }
            return new OnnxGraph(tensors, nodes);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + " is not an ONNX model this reader understands (" + e.getMessage() + ").", e);
        }
    }

    private static void readGraph(Wire graph, Map<String, Tensor> tensors, List<Node> nodes) {
        while (graph.more()) {
            int tag = graph.tag();
            int field = tag >>> 3;
            if (field == 1 && (tag & 7) == 2) {
                nodes.add(readNode(graph.message(), tensors));
            } else if (field == 5 && (tag & 7) == 2) {
                Tensor tensor = readTensor(graph.message(), null);
                if (tensor != null) {
                    tensors.put(tensor.name(), tensor);
                }
            } else {
                graph.skip(tag);
            }
        }
    }

    /** A node; a Constant node's float tensor is kept under its output's name, as initializers are. */
    private static Node readNode(Wire node, Map<String, Tensor> tensors) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String op = "";
        List<Wire> attributes = new ArrayList<>();
        while (node.more()) {
            int tag = node.tag();
            switch (tag >>> 3) {
                case 1 -> inputs.add(node.string());
                case 2 -> outputs.add(node.string());
                case 4 -> op = node.string();
                case 5 -> attributes.add(node.message());
                default -> node.skip(tag);
            }
        }
        if (op.equals("Constant") && outputs.size() == 1) {
            for (Wire attribute : attributes) {
                while (attribute.more()) {
                    int tag = attribute.tag();
                    if (tag >>> 3 == 5 && (tag & 7) == 2) {
                        Tensor tensor = readTensor(attribute.message(), outputs.get(0));
                        if (tensor != null) {
                            tensors.put(tensor.name(), tensor);
                        }
                    } else {
                        attribute.skip(tag);
                    }
                }
            }
        }
        return new Node(op, List.copyOf(inputs), List.copyOf(outputs));
    }

    /** A float tensor, or an int64 one (shapes, positions) as floats; null for other element types. */
    private static Tensor readTensor(Wire tensor, String name) {
        List<Long> dims = new ArrayList<>();
        int type = 0;
        ByteBuffer raw = null;
        List<Float> floats = new ArrayList<>();
        while (tensor.more()) {
            int tag = tensor.tag();
            switch (tag >>> 3) {
                case 1 -> {
                    if ((tag & 7) == 2) {
                        Wire packed = tensor.message();
                        while (packed.more()) {
                            dims.add(packed.varint());
                        }
                    } else {
                        dims.add(tensor.varint());
                    }
                }
                case 2 -> type = (int) tensor.varint();
                case 4 -> {
                    if ((tag & 7) == 2) {
                        Wire packed = tensor.message();
                        while (packed.more()) {
                            floats.add(packed.float32());
                        }
                    } else {
                        floats.add(tensor.float32());
                    }
                }
                case 7 -> {
                    if ((tag & 7) == 2) {
                        Wire packed = tensor.message();
                        while (packed.more()) {
                            floats.add((float) packed.varint());
                        }
                    } else {
                        floats.add((float) tensor.varint());
                    }
                }
                case 8 -> name = name == null ? tensor.string() : skipString(tensor, name);
                case 9 -> raw = tensor.bytes().order(ByteOrder.LITTLE_ENDIAN);
                default -> tensor.skip(tag);
            }
        }
        if (type != FLOAT && type != INT64) {
            return null;
        }
        float[] values;
        if (raw != null && type == FLOAT) {
            FloatBuffer asFloats = raw.asFloatBuffer();
            values = new float[asFloats.remaining()];
            asFloats.get(values);
        } else if (raw != null) {
            values = new float[raw.remaining() / 8];
            for (int i = 0; i < values.length; i++) {
                values[i] = raw.getLong(i * 8);
            }
        } else {
            values = new float[floats.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = floats.get(i);
            }
        }
        return new Tensor(name, dims.stream().mapToLong(Long::longValue).toArray(), values);
    }

    private static String skipString(Wire wire, String keep) {
        wire.string();
        return keep;
    }

    /** The float tensor called {@code name}, or null. */
    public Tensor tensor(String name) {
        return tensors.get(name);
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** The protobuf wire format over a slice of the file: varints, fixed 32/64-bit values, length-delimited fields. */
    private static final class Wire {
        private final ByteBuffer bytes;
        private int position;
        private final int end;

        Wire(ByteBuffer bytes, int start, int end) {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        boolean more() {
            return position < end;
        }

        int tag() {
            return (int) varint();
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = bytes.get(position++);
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("a malformed varint at byte " + position);
        }

        float float32() {
            float value = bytes.getFloat(position);
            position += 4;
            return value;
        }

        Wire message() {
            int length = (int) varint();
            Wire inner = new Wire(bytes, position, position + length);
            position += length;
            if (position > end) {
                throw new IllegalArgumentException("a field runs past its message's end (the file is truncated?)");
            }
            return inner;
        }

        ByteBuffer bytes() {
            int length = (int) varint();
            ByteBuffer slice = bytes.duplicate().position(position).limit(position + length).slice();
            position += length;
            return slice;
        }

        String string() {
            ByteBuffer slice = bytes();
            byte[] text = new byte[slice.remaining()];
            slice.get(text);
            return new String(text, StandardCharsets.UTF_8);
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> position += 8;
                case 2 -> {
                    int length = (int) varint(); // read before adding: 'position += varint()' would add to the old position
                    position += length;
                }
                case 5 -> position += 4;
                default -> throw new IllegalArgumentException("an unknown wire type " + (tag & 7) + " at byte " + position);
            }
        }
    }
}
