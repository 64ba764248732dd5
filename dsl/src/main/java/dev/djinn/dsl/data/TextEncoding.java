package dev.djinn.dsl.data;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import dev.djinn.dsl.text.Tokenizer;

import java.util.List;

/**
 * How texts become a model's features: the token ids of its tokenizer (-1 where padded), or a bag of words (1 for
 * each vocabulary token the text has). A model keeps it, with the tokenizer, for {@code predict("some text")} and
 * the server's {@code {"text": …}}.
 */
public final class TextEncoding implements InputEncoding {
    private final Tokenizer tokenizer;
    private final boolean bagOfWords;

    TextEncoding(Tokenizer tokenizer, boolean bagOfWords) {
        this.tokenizer = tokenizer;
        this.bagOfWords = bagOfWords;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public boolean bagOfWords() {
        return bagOfWords;
    }

    /** The shape of one text's features. */
    public Shape exampleShape() {
        return new Shape(bagOfWords ? tokenizer.vocabularySize() : tokenizer.maxLength());
    }

    /** Features for each text, and how many were cut at maxLength. */
    public Tokenizer.Features encode(List<String> texts) {
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
        json.addProperty("maxLength", tokenizer.maxLength());
        json.addProperty("bagOfWords", bagOfWords);
        json.addProperty("tokenizer", tokenizer.json());
        return json;
    }

    static TextEncoding fromJson(JsonObject json) {
        Tokenizer tokenizer = Tokenizer.fromJson(json.get("tokenizer").getAsString(), json.get("maxLength").getAsInt());
        return new TextEncoding(tokenizer, json.has("bagOfWords") && json.get("bagOfWords").getAsBoolean());
    }

    @Override
    public String toString() {
        return (bagOfWords ? "bag of words over a " : "token ids of a ") + tokenizer;
    }
}
