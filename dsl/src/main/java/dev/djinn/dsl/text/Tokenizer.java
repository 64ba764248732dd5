package dev.djinn.dsl.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Text to token ids with a HuggingFace {@code tokenizer.json} (through DJL's binding of HuggingFace's tokenizers):
 * special tokens added ([CLS] … [SEP] for BERT), cut at {@link #maxLength()} tokens and padded up to it, with an
 * attention mask. A model's features are the ids as numbers with -1 where a text is padded; the encoder reads its
 * mask from that. Immutable: {@code maxLength(64)} is a new tokenizer.
 *
 * <pre>{@code
 * var tok = tokenizer(Path.of("tokenizer.json")).maxLength(64);
 * tok.encode("Beam me up").ids();   // [101, 7151, 2033, 2039, 102, …]
 * }</pre>
 */
public final class Tokenizer {
    /** The feature value of a padded position. */
    public static final float PADDING = -1;
    public static final int DEFAULT_MAX_LENGTH = 128;

    private final String json;
    private final int maxLength;
    private final int vocabularySize;
    /** The model type of the tokenizer.json ("WordPiece", "BPE"), for its text form. */
    private final String kind;
    private final HuggingFaceTokenizer tokenizer;

    private Tokenizer(String json, int maxLength) {
        if (maxLength < 3) {
            throw new IllegalArgumentException("maxLength(" + maxLength + "): a text needs room for its special tokens and one word; give 8 or more.");
        }
        this.json = json;
        this.maxLength = maxLength;
        try {
            JsonObject parsed = JsonParser.parseString(json).getAsJsonObject();
            this.vocabularySize = vocabularySize(parsed);
            this.kind = parsed.has("model") && parsed.getAsJsonObject("model").has("type") ? parsed.getAsJsonObject("model").get("type").getAsString() : "";
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a HuggingFace tokenizer.json (" + (e instanceof JsonParseException
                    ? "it is not JSON" : "it is JSON, but without a tokenizer's \"model\" and vocabulary") + ")", e);
        }
        try {
            this.tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Map.of(
                    "padding", "max_length", "truncation", "true", "maxLength", String.valueOf(maxLength), "addSpecialTokens", "true"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a HuggingFace tokenizer.json (" + why(e) + ")", e);
        }
    }

    /** The tokenizer in a HuggingFace {@code tokenizer.json}. */
    public static Tokenizer of(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("tokenizer(" + file + "): cannot read it: " + e.getMessage(), e);
        }
        try {
            return fromJson(json, DEFAULT_MAX_LENGTH);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tokenizer(" + file + "): " + e.getMessage() + ": give the tokenizer.json that "
                    + "came with the model, or learn one with wordPiece(texts, size).", e);
        }
    }

    /** The first line of what HuggingFace's library said. */
    private static String why(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** A tokenizer from the text of a tokenizer.json (as a saved model keeps it). */
    public static Tokenizer fromJson(String json, int maxLength) {
        return new Tokenizer(json, maxLength);
    }

    /** The same tokenizer cutting texts at {@code tokens} tokens (special tokens included) and padding to that. */
    public Tokenizer maxLength(int tokens) {
        return tokens == maxLength ? this : new Tokenizer(json, tokens);
    }

    public int maxLength() {
        return maxLength;
    }

    /** Tokens it knows, special ones included: the size of an embedding over its ids. */
    public int vocabularySize() {
        return vocabularySize;
    }

    /** The tokenizer.json it was made from. */
    public String json() {
        return json;
    }

    /** Writes its tokenizer.json to {@code file}, which HuggingFace's libraries load. */
    public Path save(Path file) {
        try {
            Files.writeString(file, json);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes its tokenizer.json to the file of this name. */
    public Path save(String file) {
        return save(Path.of(file));
    }

    /** One text: ids, mask, tokens, padded or cut to {@link #maxLength()}. */
    public Tokens encode(String text) {
        return tokens(tokenizer.encode(text));
    }

    /** Several texts at once (in parallel inside the native library). */
    public List<Tokens> encode(List<String> texts) {
        return Arrays.stream(tokenizer.batchEncode(texts)).map(Tokenizer::tokens).toList();
    }

    private static Tokens tokens(Encoding encoding) {
        return new Tokens(encoding.getIds(), encoding.getAttentionMask(), encoding.getTokens(), encoding.exceedMaxLength());
    }

    /** The text of these ids, special tokens and padding left out. */
    public String decode(long[] ids) {
        return tokenizer.decode(Arrays.stream(ids).filter(id -> id >= 0).toArray(), true);
    }

    /** The texts as a model's features: {@code maxLength} numbers each, the ids, -1 where padded. */
    public Features features(List<String> texts) {
        float[] flat = new float[texts.size() * maxLength];
        int truncated = 0;
        int batch = 1024;
        for (int start = 0; start < texts.size(); start += batch) {
            List<Tokens> encoded = encode(texts.subList(start, Math.min(texts.size(), start + batch)));
            for (int i = 0; i < encoded.size(); i++) {
                Tokens tokens = encoded.get(i);
                truncated += tokens.truncated() ? 1 : 0;
                float[] row = tokens.features();
                System.arraycopy(row, 0, flat, (start + i) * maxLength, maxLength);
            }
        }
        return new Features(flat, truncated);
    }

    /** Token ids as features for {@code texts}, and how many texts were longer than maxLength and were cut. */
    public record Features(float[] values, int truncated) {
    }

    /** One encoded text. */
    public record Tokens(long[] ids, long[] mask, String[] tokens, boolean truncated) {
        /** The ids as features: -1 where the mask says padding. */
        public float[] features() {
            float[] row = new float[ids.length];
            for (int i = 0; i < ids.length; i++) {
                row[i] = mask[i] == 0 ? PADDING : ids[i];
            }
            return row;
        }

        @Override
        public String toString() {
            int length = (int) Arrays.stream(mask).sum();
            return String.join(" ", Arrays.copyOf(tokens, length)) + (length < ids.length ? " + " + (ids.length - length) + " padding" : "")
                    + (truncated ? " (cut)" : "");
        }
    }

    private static int vocabularySize(JsonObject json) {
        int size = 0;
        if (json.has("model") && json.getAsJsonObject("model").has("vocab") && json.getAsJsonObject("model").get("vocab").isJsonObject()) {
            for (var entry : json.getAsJsonObject("model").getAsJsonObject("vocab").entrySet()) {
                size = Math.max(size, entry.getValue().getAsInt() + 1);
            }
        } else if (json.has("model") && json.getAsJsonObject("model").has("vocab")) {
            size = json.getAsJsonObject("model").getAsJsonArray("vocab").size();
        }
        if (json.has("added_tokens")) {
            for (var token : json.getAsJsonArray("added_tokens")) {
                size = Math.max(size, token.getAsJsonObject().get("id").getAsInt() + 1);
            }
        }
        return size;
    }

    @Override
    public String toString() {
        return (kind.isEmpty() ? "" : kind + " ") + "tokenizer: " + String.format("%,d", vocabularySize) + " tokens, maxLength " + maxLength;
    }
}
