package dev.djinn.dsl.model;

import dev.djinn.dsl.train.OptimizerSpec;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.djinn.Djinn.adagrad;
import static dev.djinn.Djinn.adam;
import static dev.djinn.Djinn.adamw;
import static dev.djinn.Djinn.batchSize;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.rmsprop;
import static dev.djinn.Djinn.sgd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizersTest {

    static Stream<Supplier<OptimizerSpec>> everyOptimizer() {
        return Stream.of(() -> sgd(0.1), () -> sgd(0.05).momentum(0.9), () -> sgd(0.05).momentum(0.9).nesterov(),
                () -> adam(0.01), () -> adamw(0.01, 1e-4), () -> rmsprop(0.01), () -> adagrad(0.1),
                () -> adam(0.01).clipGradient(1));
    }

    @ParameterizedTest
    @MethodSource("everyOptimizer")
    void everyOptimizerSolvesTheBlobs(Supplier<OptimizerSpec> optimizer) {
        try (Model net = model().dense(8).relu().dense(2).optimizer(optimizer.get()).l2(1e-4)) {
            net.train(TrainingTest.blobs(400, 11), epochs(10), batchSize(16), progress(ProgressListener.NONE));
            double accuracy = net.evaluate(TrainingTest.blobs(200, 12)).accuracy();
            assertTrue(accuracy > 0.95, optimizer.get() + ": accuracy " + accuracy);
        }
    }

    @Test
    void optimizersReadAsWritten() {
        assertEquals("sgd(0.1).momentum(0.9).nesterov()", sgd(0.1).momentum(0.9).nesterov().toString());
        assertEquals("adamw(0.001, 0.01)", adamw(1e-3, 0.01).toString());
    }

    @Test
    void badOptimizerSettingsAreSentences() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sgd(-1)).getMessage().startsWith("sgd(-1.0): the learning rate must be a positive number"));
        assertEquals("momentum(0.9) applies to sgd and rmsprop, not adam.",
                assertThrows(IllegalArgumentException.class, () -> adam(0.1).momentum(0.9)).getMessage());
        try (Model looked = model().dense(2).input(2)) {
            looked.summary();
            looked.optimizer(sgd(0.1)); // looking at a summary does not fix the training recipe
        }
        Model trained = model().dense(2);
        trained.train(TrainingTest.blobs(10, 1), dev.djinn.Djinn.progress(dev.djinn.dsl.train.ProgressListener.NONE));
        assertTrue(assertThrows(IllegalStateException.class, () -> trained.optimizer(sgd(0.1))).getMessage()
                .startsWith("optimizer(sgd(0.1)) must come before the first train()"));
        trained.close();
    }
}
