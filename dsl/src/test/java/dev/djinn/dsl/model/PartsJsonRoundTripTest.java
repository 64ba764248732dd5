package dev.djinn.dsl.model;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.djinn.dsl.graph.Graph;
import dev.djinn.dsl.layer.LayerSpec;
import dev.djinn.dsl.train.EpochRecord;
import dev.djinn.dsl.train.LossFunction;
import dev.djinn.dsl.train.OptimizerSpec;
import dev.djinn.dsl.train.Schedule;
import dev.djinn.dsl.train.TrainingOptions;
import dev.djinn.dsl.train.TrainOption;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.djinn.Djinn.accuracy;
import static dev.djinn.Djinn.adam;
import static dev.djinn.Djinn.adamw;
import static dev.djinn.Djinn.augment;
import static dev.djinn.Djinn.batchSize;
import static dev.djinn.Djinn.binaryCrossEntropy;
import static dev.djinn.Djinn.concat;
import static dev.djinn.Djinn.cosine;
import static dev.djinn.Djinn.crop;
import static dev.djinn.Djinn.crossEntropy;
import static dev.djinn.Djinn.earlyStopping;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.flip;
import static dev.djinn.Djinn.huber;
import static dev.djinn.Djinn.input;
import static dev.djinn.Djinn.l1;
import static dev.djinn.Djinn.metrics;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.mse;
import static dev.djinn.Djinn.rmsprop;
import static dev.djinn.Djinn.seed;
import static dev.djinn.Djinn.sgd;
import static dev.djinn.Djinn.step;
import static dev.djinn.Djinn.topK;
import static dev.djinn.Djinn.validation;
import static dev.djinn.Djinn.warmup;
import static dev.djinn.Djinn.adagrad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every part a model file holds writes its own JSON and reads it back to an equal value (and equal JSON). */
class PartsJsonRoundTripTest {
    /** Through text, as a file holds it. */
    private static JsonObject again(JsonElement json) {
        return JsonParser.parseString(json.toString()).getAsJsonObject();
    }

    @Test
    void everyLayerKindRoundTrips() {
        List<LayerSpec> every = model().dense(3).relu().sigmoid().tanh().gelu().swish().leakyRelu(0.05).softmax().dropout(0.25)
                .conv2d(4, 3, 2, 1).conv1d(2, 5).maxPool2d(2).avgPool2d(3).globalAvgPool().batchNorm().layerNorm().flatten()
                .embedding(100, 8).lstm(16).gru(8, 2, true, true).residual(model().dense(4).relu().residual(model().dense(4)))
                .layerSpecs();
        assertEquals(21, every.size());
        for (LayerSpec layer : every) {
            JsonElement json = layer.toJson();
            LayerSpec read = LayerSpec.fromJson(again(json));
            assertEquals(layer, read, json.toString());
            assertEquals(layer.text(), read.text());
            assertEquals(json, read.toJson());
        }
        assertEquals("{\"layer\":\"dense\",\"units\":3}", every.get(0).toJson().toString());
        assertEquals(new LayerSpec.Adapter(LayerSpec.Adapter.Kind.CHANNEL_AXIS),
                LayerSpec.fromJson(new LayerSpec.Adapter(LayerSpec.Adapter.Kind.CHANNEL_AXIS).toJson()));
        assertEquals(new LayerSpec.Add(), LayerSpec.fromJson(new LayerSpec.Add().toJson()));
        assertEquals(new LayerSpec.Concat(), LayerSpec.fromJson(new LayerSpec.Concat().toJson()));
    }

    @Test
    void aLayerWithABadValueFailsAsTheCallWould() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> LayerSpec.fromJson(JsonParser.parseString("{\"layer\": \"dense\", \"units\": -3}")));
        assertTrue(bad.getMessage().contains("dense(-3): a dense layer needs at least one unit."), bad.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LayerSpec.fromJson(JsonParser.parseString("{\"layer\": \"teleport\"}")));
        assertTrue(unknown.getMessage().contains("\"teleport\" is not a layer this Djinn can rebuild; it knows activation, adapter, add,"), unknown.getMessage());
        IllegalStateException custom = assertThrows(IllegalStateException.class,
                () -> new LayerSpec.Custom(new LayerSpec.Dense(2).block()).toJson());
        assertTrue(custom.getMessage().contains("was added with add(Block)"), custom.getMessage());
    }

    @Test
    void aGraphWithSharedLayersRoundTrips() {
        var encoder = model().dense(6).relu();
        var a = input("a", 28, 28);
        var b = input("b", 4);
        Graph graph = Graph.of(List.of(a, b), concat(encoder.on(a.dense(4)), encoder.on(b)).dense(2));
        JsonObject json = graph.toJson();
        Graph read = Graph.fromJson(again(json));
        assertEquals(json, read.toJson());
        assertEquals(graph.order().size(), read.order().size());
        assertEquals("flatten (added for dense)", read.order().get(0).layer().text(), "the adapter is put in again, not saved");
        assertTrue(read.order().get(2).layer() == read.order().get(4).layer() || read.order().get(3).layer() == read.order().get(5).layer(),
                "the shared dense is one spec again");
        assertEquals(new Shape(28 * 28 + 4), read.exampleShape());
    }

    @Test
    void lossesRoundTrip() {
        for (LossFunction loss : List.of(crossEntropy(), binaryCrossEntropy(), mse(), l1(), huber(), huber(0.5))) {
            LossFunction read = LossFunction.fromJson(again(loss.toJson()));
            assertEquals(loss.toString(), read.toString());
            assertEquals(loss.toJson(), read.toJson());
        }
    }

    @Test
    void optimizersWithSchedulesRoundTripAndStayImmutable() {
        List<OptimizerSpec> optimizers = List.of(adam(1e-3), sgd(0.1).momentum(0.9).nesterov().clipGradient(1),
                adamw(2e-5, 0.01).schedule(warmup(1, cosine(10, 0.1))), rmsprop(0.01).momentum(0.5).schedule(step(3, 0.5)),
                adagrad(0.1).schedule(warmup(2)));
        for (OptimizerSpec optimizer : optimizers) {
            OptimizerSpec read = OptimizerSpec.fromJson(again(optimizer.toJson()));
            assertEquals(optimizer.toString(), read.toString());
            assertEquals(optimizer.toJson(), read.toJson());
        }
        OptimizerSpec plain = sgd(0.1);
        OptimizerSpec withMomentum = plain.momentum(0.9);
        assertEquals("sgd(0.1)", plain.toString(), "a setting makes a new spec");
        assertEquals("sgd(0.1).momentum(0.9)", withMomentum.toString());
        Schedule schedule = warmup(1, cosine(10));
        assertEquals(schedule, Schedule.fromJson(again(schedule.toJson())));
    }

    @Test
    void epochsAndTrainingOptionsRoundTrip() {
        EpochRecord epoch = new EpochRecord(3, 0.4, Map.of("accuracy", 0.9), 0.5, Map.of("accuracy", 0.85), 1e-3, 1.5, 2000);
        assertEquals(epoch, EpochRecord.fromJson(again(epoch.toJson())));
        EpochRecord noValidation = new EpochRecord(1, 0.7, Map.of("mae", 0.3), Double.NaN, Map.of(), 1e-3, 1, 100);
        assertEquals(noValidation.toString(), EpochRecord.fromJson(again(noValidation.toJson())).toString());
        TrainingOptions options = TrainOption.resolve(epochs(7), batchSize(16), seed(9), earlyStopping(2), validation(0.2),
                metrics(accuracy(), topK(3)), augment(flip(), crop(2)));
        JsonObject json = options.toJson();
        assertEquals(json, TrainingOptions.fromJson(again(json)).toJson());
    }
}
