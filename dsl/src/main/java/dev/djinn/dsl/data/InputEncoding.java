package dev.djinn.dsl.data;

import com.google.gson.JsonObject;

/**
 * How raw inputs become a model's features: nothing for arrays, pixel scaling for images, standardization and
 * one-hot columns for tables. A model keeps the encoding of the data it was trained on, saves it, and applies it in
 * {@code predict(table)}, {@code predict(image)} and the server.
 */
public interface InputEncoding {
    /** Features given as numbers, used as they are. */
    InputEncoding NONE = new InputEncoding() {
        @Override
        public JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.addProperty("kind", "none");
            return json;
        }

        @Override
        public String toString() {
            return "none";
        }
    };

    JsonObject toJson();

    /** Reads what {@link #toJson()} wrote. */
    static InputEncoding fromJson(JsonObject json) {
        if (json == null) {
            return NONE;
        }
        switch (json.get("kind").getAsString()) {
            case "image":
                return ImageEncoding.fromJson(json);
            case "table":
                return TableEncoding.fromJson(json);
            case "text":
                return TextEncoding.fromJson(json);
            default:
                return NONE;
        }
    }
}
