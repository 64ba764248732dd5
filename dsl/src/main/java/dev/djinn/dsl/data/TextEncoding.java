package dev.djinn.dsl.data;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import dev.djinn.dsl.text.Tokenizer;
import dev.djinn.dsl.text.WordPieceTrainer;

import java.util.List;

/**
 * How texts become a model's features: the token ids of its tokenizer (-1 where padded), or a bag of words (1 for
 * each vocabulary token the text has). A model keeps it, with the tokenizer, for {@code predict("some text")} and
 * the server's {@code {"text": …}}.
 */
public final class TextEncoding implements InputEncoding {
    /** The vocabulary learned from texts when no tokenizer is given. */
    static final int LEARNED_VOCABULARY = 8000;

    private final Vocabulary vocabulary;
    private final int maxLength;
    private final boolean bagOfWords;
    private Tokenizer tokenizer;

    private TextEncoding(Vocabulary vocabulary, int maxLength, boolean bagOfWords) {
        this.vocabulary = vocabulary;
        this.maxLength = maxLength;
        this.bagOfWords = bagOfWords;
    }

    /** Token ids (or a bag of words) of this tokenizer, at its maxLength. */
    static TextEncoding of(Tokenizer tokenizer, boolean bagOfWords) {
        return new TextEncoding(new Vocabulary(tokenizer, null), tokenizer.maxLength(), bagOfWords);
    }

    /** A WordPiece vocabulary learned from {@code texts} when first needed (not when a split replaces it first). */
    static TextEncoding learnedFrom(List<String> texts, int maxLength, boolean bagOfWords) {
        return new TextEncoding(new Vocabulary(null, texts), maxLength, bagOfWords);
    }

    /**
     * A tokenizer given by the user, or one learned from texts the first time it is needed; encodings derived from one
     * another (another maxLength, a bag of words, both splits) share it, so it is learned once.
     */
    private static final class Vocabulary {
        private final List<String> texts;
        private Tokenizer tokenizer;

        Vocabulary(Tokenizer given, List<String> texts) {
            this.tokenizer = given;
            this.texts = texts;
        }

        synchronized Tokenizer tokenizer() {
            if (tokenizer == null) {
                tokenizer = WordPieceTrainer.train(texts, LEARNED_VOCABULARY);
            }
            return tokenizer;
        }
    }

    /** Whether the vocabulary is one Djinn learns from texts (then a split learns it again from its train texts). */
    boolean learned() {
        return vocabulary.texts != null;
    }

    /** The same encoding of texts cut at {@code tokens} tokens. */
    TextEncoding maxLength(int tokens) {
        return new TextEncoding(vocabulary, tokens, bagOfWords);
    }

    /** The same vocabulary as a bag of words. */
    TextEncoding asBagOfWords() {
        return new TextEncoding(vocabulary, maxLength, true);
    }

    /** This encoding's form with a vocabulary learned from {@code texts} instead. */
    TextEncoding learnedFrom(List<String> texts) {
        return learnedFrom(texts, maxLength, bagOfWords);
    }

    public synchronized Tokenizer tokenizer() {
        if (tokenizer == null) {
            tokenizer = vocabulary.tokenizer().maxLength(maxLength);
        }
        return tokenizer;
    }

    /** Tokens per text (known without learning the vocabulary). */
    public int maxLength() {
        return maxLength;
    }

    public boolean bagOfWords() {
        return bagOfWords;
    }

    /** The shape of one text's features. */
    public Shape exampleShape() {
        return new Shape(bagOfWords ? tokenizer().vocabularySize() : maxLength);
    }

    /** Features for each text, and how many were cut at maxLength. */
    public Tokenizer.Features encode(List<String> texts) {
        Tokenizer tokenizer = tokenizer();
        Tokenizer.Features ids = tokenizer.features(texts);
        if (!bagOfWords) {
            return ids;
        }
        int width = tokenizer.vocabularySize();
        int length = tokenizer.maxLength();
        float[] bags = new float[texts.size() * width];
        float[] values = ids.values();
        for (int n = 0; n < texts.size(); n++) {
            for (int t = 0; t < length; t++) {
                float id = values[n * length + t];
                if (id >= 0) {
                    bags[n * width + (int) id] = 1;
                }
            }
        }
        return new Tokenizer.Features(bags, ids.truncated());
    }

    /** One text's features. */
    public float[] encode(String text) {
        return encode(List.of(text)).values();
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("kind", "text");
        json.addProperty("maxLength", maxLength);
        json.addProperty("bagOfWords", bagOfWords);
        json.addProperty("tokenizer", tokenizer().json());
        return json;
    }

    static TextEncoding fromJson(JsonObject json) {
        Tokenizer tokenizer = Tokenizer.fromJson(json.get("tokenizer").getAsString(), json.get("maxLength").getAsInt());
        return of(tokenizer, json.has("bagOfWords") && json.get("bagOfWords").getAsBoolean());
    }

    @Override
    public String toString() {
        return (bagOfWords ? "bag of words over a " : "token ids of a ") + tokenizer();
    }
}
