package dev.djinn.dsl.serve;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.djinn.dsl.data.TableEncoding;
import dev.djinn.dsl.data.TextEncoding;
import dev.djinn.dsl.graph.NamedInputs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code POST /predict} body straight into rows of floats, token by token: no tree of boxed numbers, so a
 * request costs about its numbers' size in memory. Accepted: {@code {"input": x}} for one example, {@code {"inputs":
 * [x, …]}} for several, or {@code x} / {@code [x, …]} bare; an example is an array of numbers (nested arrays are
 * flattened, so a 28×28 image may be given as rows), for models trained on tables an object of column values, for
 * models with several named inputs an object with one array per input, and for text models {@code {"text": "…"}}
 * or {@code {"texts": ["…", …]}}. Every problem is a {@link RequestProblem} with a sentence.
 */
final class PredictRequest {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();
    private static final String USAGE = "Send {\"input\": [...]} for one example or {\"inputs\": [[...], ...]} for several.";
    private static final String TEXT_USAGE = "This model takes texts: send {\"text\": \"…\"} or {\"texts\": [\"…\", …]}.";

    private enum Kind { NUMBERS, RECORDS, NAMED, TEXTS }

    private final Predictor model;
    private final Kind kind;
    private final long exampleSize;
    private final int maxExamples;
    private final FloatRows rows = new FloatRows();
    private final List<Map<String, Object>> records = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private int count;

    private PredictRequest(Predictor model, int maxExamples) {
        this.model = model;
        this.maxExamples = maxExamples;
        this.exampleSize = model.exampleShape().size();
        this.kind = model.encoding() instanceof TextEncoding ? Kind.TEXTS
                : !model.namedInputs().isEmpty() ? Kind.NAMED
                : model.encoding() instanceof TableEncoding ? Kind.RECORDS
                : Kind.NUMBERS;
    }

    /** The examples of {@code body}, encoded for {@code model}; at most {@code maxExamples} of them. */
    static Examples read(byte[] body, Predictor model, int maxExamples) {
        return new PredictRequest(model, maxExamples).read(body);
    }

    private Examples read(byte[] body) {
        try (JsonParser json = JSON.createParser(body)) {
            JsonToken first = json.nextToken();
            if (first == null) {
                throw RequestProblem.badRequest("The body is empty: send {\"input\": [...]} or {\"inputs\": [[...], ...]}.");
            }
            if (kind == Kind.TEXTS) {
                readTexts(json);
            } else if (first == JsonToken.START_OBJECT) {
                readObject(json);
            } else if (first == JsonToken.START_ARRAY) {
                readArray(json);
            } else {
                throw RequestProblem.badRequest(USAGE);
            }
            if (json.nextToken() != null) {
                throw RequestProblem.badRequest("The body is not valid JSON (text after the JSON value). " + USAGE);
            }
        } catch (JsonProcessingException e) {
            throw RequestProblem.badRequest("The body is not valid JSON (" + syntaxError(e) + "). " + USAGE);
        } catch (IOException e) {
            throw RequestProblem.badRequest("The body could not be read: " + e.getMessage());
        }
        if (count == 0) {
            throw RequestProblem.badRequest(kind == Kind.TEXTS ? "The request has no texts. " + TEXT_USAGE : "The request has no examples.");
        }
        try {
            switch (kind) {
                case TEXTS:
                    return new Examples(model.encodeTexts(texts), count);
                case RECORDS:
                    return new Examples(model.encodeRecords(records), count);
                default:
                    return new Examples(rows.toArray(), count);
            }
        } catch (IllegalArgumentException e) {
            throw RequestProblem.badRequest(e.getMessage());
        }
    }

    /** {@code {"input": …}}, {@code {"inputs": […]}}, or (tables, named inputs) one example given bare. */
    private void readObject(JsonParser json) throws IOException {
        boolean found = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            if (name.equals("inputs") || name.equals("input")) {
                if (found) {
                    throw RequestProblem.badRequest("Give \"input\" (one example) or \"inputs\" (several), not both.");
                }
                found = true;
                JsonToken value = json.nextToken();
                if (name.equals("input")) {
                    readExample(json);
                } else if (value != JsonToken.START_ARRAY) {
                    throw RequestProblem.badRequest("\"inputs\" must be an array of examples.");
                } else {
                    while (json.nextToken() != JsonToken.END_ARRAY) {
                        readExample(json);
                    }
                }
            } else if (!found && count == 0 && kind != Kind.NUMBERS) {
                // the object itself is the one example: its fields are columns or inputs
                newExample();
                if (kind == Kind.RECORDS) {
                    records.add(readRecordFields(json));
                } else {
                    readNamedFields(json);
                }
                return;
            } else {
                json.nextToken();
                json.skipChildren();
            }
        }
        if (!found) {
            throw RequestProblem.badRequest(USAGE);
        }
    }

    /**
     * A bare array: one example if it holds exactly one example's numbers (in any nesting), else an array of
     * examples.
     */
    private void readArray(JsonParser json) throws IOException {
        if (kind != Kind.NUMBERS) {
            while (json.nextToken() != JsonToken.END_ARRAY) {
                readExample(json);
            }
            return;
        }
        List<Integer> ends = new ArrayList<>();
        int firstBareNumber = -1;
        while (json.nextToken() != JsonToken.END_ARRAY) {
            if (ends.size() >= Math.max(maxExamples, exampleSize)) {
                throw tooMany();
            }
            if (json.currentToken() == JsonToken.START_ARRAY) {
                readNumbers(json, ends.size());
            } else {
                firstBareNumber = firstBareNumber < 0 ? ends.size() : firstBareNumber;
                rows.add(number(json, ends.size()));
            }
            ends.add(rows.size());
        }
        if (rows.size() == exampleSize && ends.size() > 0) {
            newExample();
            return;
        }
        int start = 0;
        for (int i = 0; i < ends.size(); i++) {
            if (i == firstBareNumber) {
                throw RequestProblem.badRequest("Example " + i + " must be an array of " + exampleSize + " numbers, not a single number.");
            }
            checkSize(i, ends.get(i) - start);
            start = ends.get(i);
            newExample();
        }
    }

    private void readExample(JsonParser json) throws IOException {
        int index = count;
        newExample();
        switch (kind) {
            case RECORDS:
                if (json.currentToken() != JsonToken.START_OBJECT) {
                    throw RequestProblem.badRequest("Example " + index + " must be an object of column values, such as {\"age\": 41, \"city\": \"Oslo\"}, not "
                            + describe(json) + ".");
                }
                json.nextToken();
                records.add(readRecordFields(json));
                break;
            case NAMED:
                if (json.currentToken() != JsonToken.START_OBJECT) {
                    throw RequestProblem.badRequest("Example " + index + " must be an object with one array per input "
                            + model.namedInputs().keySet() + ", not " + describe(json) + ".");
                }
                json.nextToken();
                readNamedFields(json);
                break;
            default:
                if (json.currentToken() != JsonToken.START_ARRAY) {
                    throw RequestProblem.badRequest("Example " + index + " must be an array of " + exampleSize + " numbers, not " + describe(json) + ".");
                }
                int start = rows.size();
                readNumbers(json, index);
                checkSize(index, rows.size() - start);
        }
    }

    /** From the current field name to the end of the object: column → number, string (or null). */
    private Map<String, Object> readRecordFields(JsonParser json) throws IOException {
        int index = count - 1;
        Map<String, Object> record = new LinkedHashMap<>();
        for (JsonToken token = json.currentToken(); token == JsonToken.FIELD_NAME; token = json.nextToken()) {
            String column = json.currentName();
            JsonToken value = json.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                record.put(column, null);
            } else if (value.isNumeric()) {
                record.put(column, json.getDoubleValue());
            } else if (value == JsonToken.VALUE_STRING || value.isBoolean()) {
                record.put(column, json.getText());
            } else {
                throw RequestProblem.badRequest("Example " + index + ", column \"" + column + "\": give a number or a string, not " + describe(json) + ".");
            }
        }
        return record;
    }

    /** From the current field name to the end of the object: input name → numbers, made into one row. */
    private void readNamedFields(JsonParser json) throws IOException {
        int index = count - 1;
        Map<String, float[]> values = new LinkedHashMap<>();
        for (JsonToken token = json.currentToken(); token == JsonToken.FIELD_NAME; token = json.nextToken()) {
            String input = json.currentName();
            if (json.nextToken() != JsonToken.START_ARRAY) {
                throw RequestProblem.badRequest("Example " + index + ", input \"" + input + "\": give an array of numbers, not " + describe(json) + ".");
            }
            int start = rows.size();
            readNumbers(json, index);
            values.put(input, rows.removeFrom(start));
        }
        Map<String, Shape> shapes = model.namedInputs();
        try {
            rows.addAll(NamedInputs.row(shapes, values));
        } catch (IllegalArgumentException e) {
            throw RequestProblem.badRequest("Example " + index + ": " + e.getMessage());
        }
    }

    /** The numbers of an array (the current token), nested arrays flattened, appended to the rows. */
    private void readNumbers(JsonParser json, int index) throws IOException {
        int depth = 1;
        while (depth > 0) {
            JsonToken token = json.nextToken();
            if (token == JsonToken.START_ARRAY) {
                depth++;
            } else if (token == JsonToken.END_ARRAY) {
                depth--;
            } else {
                rows.add(number(json, index));
            }
        }
    }

    private static float number(JsonParser json, int index) throws IOException {
        if (!json.currentToken().isNumeric()) {
            throw RequestProblem.badRequest("Example " + index + " holds " + describe(json) + ", which is not a number.");
        }
        float value = json.getFloatValue();
        if (!Float.isFinite(value)) {
            throw RequestProblem.badRequest("Example " + index + " holds " + json.getText() + ", which is not a finite number.");
        }
        return value;
    }

    private void readTexts(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw RequestProblem.badRequest(TEXT_USAGE);
        }
        boolean found = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (!name.equals("text") && !name.equals("texts")) {
                json.skipChildren();
                continue;
            }
            if (found) {
                throw RequestProblem.badRequest(TEXT_USAGE);
            }
            found = true;
            if (name.equals("text")) {
                addText(json);
            } else if (value != JsonToken.START_ARRAY) {
                throw RequestProblem.badRequest("\"texts\" must be an array of strings. " + TEXT_USAGE);
            } else {
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    addText(json);
                }
            }
        }
        if (!found) {
            throw RequestProblem.badRequest(TEXT_USAGE);
        }
    }

    private void addText(JsonParser json) throws IOException {
        int index = count;
        newExample();
        if (json.currentToken() != JsonToken.VALUE_STRING) {
            throw RequestProblem.badRequest("Text " + index + " is " + describe(json) + ", not a string. " + TEXT_USAGE);
        }
        texts.add(json.getText());
    }

    /** Jackson's message without its source excerpt, with the place in the body. */
    private static String syntaxError(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int detail = message.indexOf(" (start marker");
        message = (detail > 0 ? message.substring(0, detail) : message).lines().findFirst().orElse("").trim();
        var at = e.getLocation();
        return at == null ? message : message + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private void newExample() {
        if (count >= maxExamples) {
            throw tooMany();
        }
        count++;
    }

    private RequestProblem tooMany() {
        return new RequestProblem(413, "The request has more than " + maxExamples + " examples: send at most " + maxExamples
                + " per request, or serve with ServeOptions.maxExamples(…) raised.");
    }

    private void checkSize(int index, int size) {
        if (size != exampleSize) {
            throw RequestProblem.badRequest("Example " + index + " has " + size + " numbers but the model takes " + exampleSize + " per example.");
        }
    }

    /** The current value as a person would recognise it in their request. */
    private static String describe(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                String text = json.getText();
                return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
            default:
                return json.getText();
        }
    }

    /** A growing float array: the request's numbers without a boxed value each. */
    private static final class FloatRows {
        private float[] values = new float[1024];
        private int size;

        void add(float value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = value;
        }

        void addAll(float[] more) {
            for (float value : more) {
                add(value);
            }
        }

        int size() {
            return size;
        }

        /** The values from {@code start} on, taken off the end. */
        float[] removeFrom(int start) {
            float[] tail = Arrays.copyOfRange(values, start, size);
            size = start;
            return tail;
        }

        float[] toArray() {
            return size == values.length ? values : Arrays.copyOf(values, size);
        }
    }
}
