package dev.djinn.dsl.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.djinn.dsl.data.ClassNames;
import dev.djinn.dsl.data.TableEncoding;
import dev.djinn.dsl.data.TextEncoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The server's JSON answers, written straight to bytes: predictions, errors, the model's description, health. */
final class ServeJson {
    private static final JsonFactory JSON = new JsonFactory();

    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private ServeJson() {
    }

    private static byte[] write(int sizeHint, Body body) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(sizeHint); JsonGenerator json = JSON.createGenerator(bytes)) {
            body.write(json);
            json.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"predictions": [...]}}: class, label and probabilities for a classifier, values for regression. */
    static byte[] predictions(float[][] outputs, Predictor model) {
        boolean classifies = model.lossFunction().classifies();
        List<String> names = model.classNames();
        int width = outputs.length == 0 ? 0 : outputs[0].length;
        String[] classes = new String[width];
        for (int i = 0; i < width; i++) {
            classes[i] = ClassNames.of(names, i);
        }
        return write(64 + outputs.length * (width * 24 + 64), json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("predictions");
            for (float[] values : outputs) {
                json.writeStartObject();
                if (classifies) {
                    int best = 0;
                    for (int i = 1; i < values.length; i++) {
                        if (values[i] > values[best]) {
                            best = i;
                        }
                    }
                    json.writeNumberField("label", best);
                    json.writeStringField("class", classes[best]);
                    json.writeNumberField("probability", values[best]);
                    json.writeObjectFieldStart("probabilities");
                    for (int i = 0; i < values.length; i++) {
                        json.writeNumberField(classes[i], values[i]);
                    }
                    json.writeEndObject();
                } else if (values.length == 1) {
                    json.writeNumberField("value", values[0]);
                } else {
                    json.writeArrayFieldStart("values");
                    for (float value : values) {
                        json.writeNumber(value);
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** {@code {"error": "…"}}. */
    static byte[] error(String message) {
        return write(64 + message.length(), json -> {
            json.writeStartObject();
            json.writeStringField("error", message);
            json.writeEndObject();
        });
    }

    /** What {@code GET /model} tells: summary, input shape, loss, class names, and what to send. */
    static byte[] model(Predictor model) {
        return write(1024, json -> {
            json.writeStartObject();
            json.writeStringField("summary", model.describe());
            json.writeFieldName("inputShape");
            long[] shape = model.exampleShape().getShape();
            json.writeArray(shape, 0, shape.length);
            json.writeStringField("loss", model.lossFunction().toString());
            strings(json, "classNames", model.classNames());
            if (model.encoding() instanceof TableEncoding table) {
                strings(json, "columns", table.columnNames());
            }
            if (model.encoding() instanceof TextEncoding text) {
                json.writeStringField("texts", "send {\"text\": \"…\"} or {\"texts\": [\"…\", …]}; " + text);
            }
            if (!model.namedInputs().isEmpty()) {
                json.writeObjectFieldStart("inputs");
                for (var input : model.namedInputs().entrySet()) {
                    long[] size = input.getValue().getShape();
                    json.writeFieldName(input.getKey());
                    json.writeArray(size, 0, size.length);
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        });
    }

    /** {@code {"status": "ok", …}} with the given numbers. */
    static byte[] health(Map<String, Number> figures) {
        return write(128, json -> {
            json.writeStartObject();
            json.writeStringField("status", "ok");
            for (var figure : figures.entrySet()) {
                json.writeFieldName(figure.getKey());
                if (figure.getValue() instanceof Double value) {
                    json.writeNumber(value);
                } else {
                    json.writeNumber(figure.getValue().longValue());
                }
            }
            json.writeEndObject();
        });
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
