package dev.djinn.dsl.serve;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.djinn.dsl.graph.NamedInputs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The examples of a {@code POST /predict} body. Accepted: {@code {"input": x}} for one example, {@code {"inputs":
 * [x, …]}} for a batch, or {@code x} / {@code [x, …]} bare; an example is an array of numbers (nested arrays are
 * flattened, so a 28×28 image may be given as rows), for models trained on tables an object of column values, and
 * for models with several named inputs an object with one array per input ({@code {"a": [...], "b": [...]}}).
 * Every problem is an {@link IllegalArgumentException} with a sentence for the 400 answer.
 */
final class PredictRequest {
    private final List<float[]> rows = new ArrayList<>();
    private final List<Map<String, Object>> records = new ArrayList<>();

    private PredictRequest() {
    }

    static PredictRequest parse(JsonElement body, long exampleSize, boolean columns) {
        return parse(body, exampleSize, columns, Map.of());
    }

    /** With {@code namedInputs}, each example is an object of arrays, one per input, made into one row. */
    static PredictRequest parse(JsonElement body, long exampleSize, boolean columns, Map<String, Shape> namedInputs) {
        boolean named = !namedInputs.isEmpty();
        columns = columns || named;
        PredictRequest request = new PredictRequest();
        List<JsonElement> examples = new ArrayList<>();
        if (body.isJsonObject() && body.getAsJsonObject().has("inputs")) {
            JsonElement inputs = body.getAsJsonObject().get("inputs");
            if (!inputs.isJsonArray()) {
                throw new IllegalArgumentException("\"inputs\" must be an array of examples.");
            }
            inputs.getAsJsonArray().forEach(examples::add);
        } else if (body.isJsonObject() && body.getAsJsonObject().has("input")) {
            examples.add(body.getAsJsonObject().get("input"));
        } else if (columns && body.isJsonArray()) {
            body.getAsJsonArray().forEach(examples::add);
        } else if (columns && body.isJsonObject()) {
            examples.add(body);
        } else if (body.isJsonArray()) {
            JsonArray array = body.getAsJsonArray();
            if (count(array) == exampleSize) {
                examples.add(array);
            } else {
                array.forEach(examples::add);
            }
        } else {
            throw new IllegalArgumentException("Send {\"input\": [...]} for one example or {\"inputs\": [[...], ...]} for several.");
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("The request has no examples.");
        }
        for (int i = 0; i < examples.size(); i++) {
            JsonElement example = examples.get(i);
            if (named) {
                request.rows.add(namedRow(example, i, namedInputs));
            } else if (columns) {
                request.records.add(record(example, i));
            } else {
                request.rows.add(numbers(example, i, exampleSize));
            }
        }
        return request;
    }

    /** The texts of a body for a text model: {@code {"text": "…"}} or {@code {"texts": ["…", …]}}. */
    static List<String> texts(JsonElement body) {
        String usage = "This model takes texts: send {\"text\": \"…\"} or {\"texts\": [\"…\", …]}.";
        if (!body.isJsonObject()) {
            throw new IllegalArgumentException(usage);
        }
        JsonObject object = body.getAsJsonObject();
        if (object.has("text") == object.has("texts")) {
            throw new IllegalArgumentException(usage);
        }
        List<JsonElement> given = new ArrayList<>();
        if (object.has("text")) {
            given.add(object.get("text"));
        } else if (object.get("texts").isJsonArray()) {
            object.getAsJsonArray("texts").forEach(given::add);
        } else {
            throw new IllegalArgumentException("\"texts\" must be an array of strings. " + usage);
        }
        if (given.isEmpty()) {
            throw new IllegalArgumentException("The request has no texts. " + usage);
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            JsonElement text = given.get(i);
            if (!text.isJsonPrimitive() || !text.getAsJsonPrimitive().isString()) {
                throw new IllegalArgumentException("Text " + i + " is " + text + ", not a string. " + usage);
            }
            texts.add(text.getAsString());
        }
        return texts;
    }

    List<float[]> rows() {
        return rows;
    }

    List<Map<String, Object>> records() {
        return records;
    }

    int size() {
        return Math.max(rows.size(), records.size());
    }

    private static long count(JsonElement element) {
        if (element.isJsonArray()) {
            long total = 0;
            for (JsonElement child : element.getAsJsonArray()) {
                total += count(child);
            }
            return total;
        }
        return 1;
    }

    private static float[] numbers(JsonElement example, int index, long exampleSize) {
        if (!example.isJsonArray()) {
            throw new IllegalArgumentException("Example " + index + " must be an array of " + exampleSize + " numbers, not " + example + ".");
        }
        List<Float> values = new ArrayList<>();
        collect(example, index, values);
        if (values.size() != exampleSize) {
            throw new IllegalArgumentException("Example " + index + " has " + values.size() + " numbers but the model takes "
                    + exampleSize + " per example.");
        }
        float[] row = new float[values.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = values.get(i);
        }
        return row;
    }

    private static void collect(JsonElement element, int index, List<Float> into) {
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(child -> collect(child, index, into));
            return;
        }
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("Example " + index + " holds " + element + ", which is not a number.");
        }
        float value = element.getAsFloat();
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("Example " + index + " holds " + element + ", which is not a finite number.");
        }
        into.add(value);
    }

    private static float[] namedRow(JsonElement example, int index, Map<String, Shape> namedInputs) {
        if (!example.isJsonObject()) {
            throw new IllegalArgumentException("Example " + index + " must be an object with one array per input " + namedInputs.keySet()
                    + ", not " + example + ".");
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : example.getAsJsonObject().entrySet()) {
            Shape shape = namedInputs.get(entry.getKey());
            values.put(entry.getKey(), numbers(entry.getValue(), index, shape == null ? count(entry.getValue()) : shape.size()));
        }
        return NamedInputs.row(namedInputs, values);
    }

    private static Map<String, Object> record(JsonElement example, int index) {
        if (!example.isJsonObject()) {
            throw new IllegalArgumentException("Example " + index + " must be an object of column values, such as {\"age\": 41, \"city\": \"Oslo\"}, not " + example + ".");
        }
        Map<String, Object> record = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : ((JsonObject) example).entrySet()) {
            JsonElement value = entry.getValue();
            if (value.isJsonNull()) {
                record.put(entry.getKey(), null);
            } else if (value.isJsonPrimitive()) {
                JsonPrimitive primitive = value.getAsJsonPrimitive();
                record.put(entry.getKey(), primitive.isNumber() ? (Object) primitive.getAsDouble()
                        : primitive.isBoolean() ? (Object) String.valueOf(primitive.getAsBoolean()) : primitive.getAsString());
            } else {
                throw new IllegalArgumentException("Example " + index + ", column \"" + entry.getKey() + "\": give a number or a string, not " + value + ".");
            }
        }
        return record;
    }
}
