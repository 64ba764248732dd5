package dev.djinn.dsl.model;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import dev.djinn.dsl.data.InputEncoding;
import dev.djinn.dsl.train.EpochRecord;
import dev.djinn.dsl.train.LossFunction;
import dev.djinn.dsl.train.OptimizerSpec;
import dev.djinn.dsl.train.TrainingOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads model files of format 1, where layers and the optimizer were call text ({@code "dense(128)"},
 * {@code "sgd(0.1).momentum(0.9)"}) read back by {@link LayerParser} and {@link OptimizerParser}; files of format 1
 * before losses and encodings were recorded default to cross-entropy and no encoding.
 */
final class ModelFileV1 {
    private ModelFileV1() {
    }

    static ModelFile.Description describe(JsonObject json) {
        long[] shape = JsonFields.sizes(json, "inputShape", Integer.MAX_VALUE);
        LossFunction loss = json.has("loss") ? LossFunction.parse(json.get("loss").getAsString()) : LossFunction.of(LossFunction.Kind.CROSS_ENTROPY);
        OptimizerSpec optimizer = json.has("optimizer") ? OptimizerParser.parse(json.get("optimizer").getAsString())
                : OptimizerSpec.of(OptimizerSpec.Kind.ADAM, 1e-3);
        List<EpochRecord> history = new ArrayList<>();
        if (json.has("history")) {
            for (var element : json.getAsJsonArray("history")) {
                history.add(EpochRecord.fromJson(element.getAsJsonObject()));
            }
        }
        Architecture layers = new Architecture.Sequence(LayerParser.rebuild(JsonFields.strings(json, "layers")).layerSpecs());
        return new ModelFile.Description(layers, new Shape(shape), JsonFields.strings(json, "classNames"),
                InputEncoding.fromJson(json.has("encoding") ? json.getAsJsonObject("encoding") : null), loss, optimizer,
                json.has("l1") ? json.get("l1").getAsFloat() : 0, json.has("l2") ? json.get("l2").getAsFloat() : 0,
                TrainingOptions.fromJson(json.has("training") ? json.getAsJsonObject("training") : null), history);
    }
}
