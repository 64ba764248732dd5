package dev.djinn.dsl.layer;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Layer specs as JSON: a record's components under their own names, and {@code "layer"} naming the record
 * ({@code {"layer": "conv", "dimensions": 2, "filters": 8, …}}). The names come from the sealed family itself, so a
 * new record is readable without being listed anywhere.
 */
final class LayerJson {
    private static final Map<String, Class<?>> KINDS = Arrays.stream(LayerSpec.class.getPermittedSubclasses())
            .collect(Collectors.toMap(LayerJson::kindName, Function.identity()));
    private static final Gson GSON = new GsonBuilder().registerTypeAdapterFactory(new SpecFactory()).create();

    private LayerJson() {
    }

    static JsonElement write(LayerSpec spec) {
        if (!spec.savable()) {
            throw new IllegalStateException("layer \"" + spec.text() + "\" was added with add(Block) and cannot be rebuilt "
                    + "from a file; save its parameters with DJL, or use Djinn's own layers.");
        }
        return GSON.toJsonTree(spec, LayerSpec.class);
    }

    static LayerSpec read(JsonElement json) {
        try {
            return GSON.fromJson(json, LayerSpec.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read the layer " + shorten(json) + " (" + rootMessage(e) + ")", e);
        }
    }

    /** "LEAKY_RELU" to "leakyRelu", "GlobalAvgPool" to "globalAvgPool". */
    static String camelCase(String name) {
        String[] words = name.split("_");
        StringBuilder text = new StringBuilder(words[0].toLowerCase());
        for (int i = 1; i < words.length; i++) {
            text.append(words[i].charAt(0)).append(words[i].substring(1).toLowerCase());
        }
        return text.toString();
    }

    private static String kindName(Class<?> record) {
        String name = record.getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** The record's own sentence ("dense(0): a dense layer needs at least one unit.") rather than Gson's wrapper. */
    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static String shorten(JsonElement json) {
        String text = String.valueOf(json);
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    /** Handles the interface type: writes and reads the record named by "layer" through Gson's record adapter. */
    private static final class SpecFactory implements TypeAdapterFactory {
        @Override
        @SuppressWarnings("unchecked")
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            if (type.getRawType() != LayerSpec.class) {
                return null;
            }
            return (TypeAdapter<T>) new TypeAdapter<LayerSpec>() {
                @Override
                public void write(JsonWriter out, LayerSpec spec) throws IOException {
                    JsonObject json = new JsonObject();
                    json.addProperty("layer", kindName(spec.getClass()));
                    JsonObject fields = gson.toJsonTree(spec, spec.getClass()).getAsJsonObject();
                    fields.entrySet().forEach(field -> json.add(field.getKey(), field.getValue()));
                    gson.toJson(json, out);
                }

                @Override
                public LayerSpec read(JsonReader in) throws IOException {
                    JsonElement element = gson.fromJson(in, JsonElement.class);
                    if (element == null || !element.isJsonObject() || !element.getAsJsonObject().has("layer")) {
                        throw new JsonParseException("a layer is an object with a \"layer\" name, such as {\"layer\": \"dense\", \"units\": 10}");
                    }
                    String name = element.getAsJsonObject().get("layer").getAsString();
                    Class<?> kind = KINDS.get(name);
                    if (kind == null || kind == LayerSpec.Custom.class) {
                        throw new JsonParseException("\"" + name + "\" is not a layer this Djinn can rebuild; it knows "
                                + KINDS.keySet().stream().filter(k -> !k.equals("custom")).sorted().collect(Collectors.joining(", ")));
                    }
                    return (LayerSpec) gson.fromJson(element, kind);
                }
            };
        }
    }
}
