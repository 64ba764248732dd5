package dev.djinn.dsl.model;

import ai.djl.ndarray.types.Shape;
import dev.djinn.dsl.data.InputEncoding;
import dev.djinn.dsl.data.TableEncoding;
import dev.djinn.dsl.serve.Predictor;
import dev.djinn.dsl.train.LossFunction;

import java.util.List;
import java.util.Map;

/**
 * A model as the server sees it. Each call asks the model for its current network, so a model trained again while
 * served answers with its new weights; the forward pass itself is {@link Inference}'s, lock-free.
 */
final class ServedModel implements Predictor {
    private final Model model;

    ServedModel(Model model) {
        this.model = model;
    }

    @Override
    public InputEncoding encoding() {
        return model.encoding();
    }

    @Override
    public Shape exampleShape() {
        return model.exampleShape();
    }

    @Override
    public float[][] predictRows(float[] rows, int count) {
        long size = exampleShape().size();
        if (rows.length != count * size) {
            throw new IllegalArgumentException(rows.length + " values are not " + count + " examples of " + size + " values.");
        }
        return model.inference("serve").predictFlat(rows, count);
    }

    @Override
    public float[] encodeTexts(List<String> texts) {
        return model.textEncoding("serve").encode(texts).values();
    }

    @Override
    public float[] encodeRecords(List<Map<String, Object>> records) {
        TableEncoding table = model.tableEncoding("serve");
        int width = (int) exampleShape().size();
        float[] rows = new float[records.size() * width];
        for (int i = 0; i < records.size(); i++) {
            try {
                System.arraycopy(table.encode(records.get(i)), 0, rows, i * width, width);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Example " + i + ": " + e.getMessage() + ".", e);
            }
        }
        return rows;
    }

    @Override
    public LossFunction lossFunction() {
        return model.lossFunction();
    }

    @Override
    public List<String> classNames() {
        return model.classNames();
    }

    @Override
    public Map<String, Shape> namedInputs() {
        return model.namedInputs();
    }

    @Override
    public String describe() {
        return model.describe();
    }

    @Override
    public String toString() {
        return model.toString();
    }
}
