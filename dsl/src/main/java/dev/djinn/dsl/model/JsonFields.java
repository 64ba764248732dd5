package dev.djinn.dsl.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of model.json's fields: a missing or mistyped field fails with a sentence naming the field and what
 * was found ({@code "version" should be a whole number, found "one"}), never a NullPointerException.
 */
final class JsonFields {
    private JsonFields() {
    }

    static int integer(JsonObject json, String name) {
        JsonElement value = required(json, name);
        if (!(value instanceof JsonPrimitive primitive) || !primitive.isNumber()) {
            throw wrong(name, "a whole number", value);
        }
        try {
            return primitive.getAsBigDecimal().intValueExact();
        } catch (ArithmeticException e) {
            throw wrong(name, "a whole number", value);
        }
    }

    static JsonObject object(JsonObject json, String name) {
        JsonElement value = required(json, name);
        if (!value.isJsonObject()) {
            throw wrong(name, "an object", value);
        }
        return value.getAsJsonObject();
    }

    static float number(JsonObject json, String name) {
        JsonElement value = required(json, name);
        if (!(value instanceof JsonPrimitive primitive) || !primitive.isNumber()) {
            throw wrong(name, "a number", value);
        }
        return primitive.getAsFloat();
    }

    static List<String> strings(JsonObject json, String name) {
        List<String> values = new ArrayList<>();
        for (JsonElement element : array(json, name)) {
            if (!(element instanceof JsonPrimitive primitive) || !primitive.isString()) {
                throw wrong(name, "a list of strings", element);
            }
            values.add(element.getAsString());
        }
        return values;
    }

    /** Non-negative whole numbers, each at most {@code max}. */
    static long[] sizes(JsonObject json, String name, long max) {
        JsonArray array = array(json, name);
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonElement element = array.get(i);
            if (!(element instanceof JsonPrimitive primitive) || !primitive.isNumber()) {
                throw wrong(name, "a list of sizes", element);
            }
            try {
                values[i] = primitive.getAsBigDecimal().longValueExact();
            } catch (ArithmeticException e) {
                throw wrong(name, "a list of whole numbers", element);
            }
            if (values[i] < 0 || values[i] > max) {
                throw wrong(name, "a list of sizes from 0 to " + max, element);
            }
        }
        return values;
    }

    static JsonArray array(JsonObject json, String name) {
        JsonElement value = required(json, name);
        if (!value.isJsonArray()) {
            throw wrong(name, "a list", value);
        }
        return value.getAsJsonArray();
    }

    private static JsonElement required(JsonObject json, String name) {
        JsonElement value = json.get(name);
        if (value == null || value.isJsonNull()) {
            throw new IllegalArgumentException("model.json has no \"" + name + "\"");
        }
        return value;
    }

    private static IllegalArgumentException wrong(String name, String expected, JsonElement found) {
        String text = String.valueOf(found);
        return new IllegalArgumentException("model.json's \"" + name + "\" should be " + expected + ", found "
                + (text.length() > 40 ? text.substring(0, 40) + "…" : text));
    }
}
