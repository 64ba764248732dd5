package dev.djinn.dsl.text;

import dev.djinn.dsl.data.TextDataSet;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.train.ProgressListener;
import dev.djinn.dsl.train.TrainOption;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.djinn.Djinn.adamw;
import static dev.djinn.Djinn.batchSize;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.miniLM;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.seed;
import static dev.djinn.Djinn.texts;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quick variant of tutorial 06's comparison (the full run is in dsl/src/bench/text_benchmark.sh --accuracy): on
 * 800 real fortunes, one seeded split, the fine-tuned encoder beats the frozen one, which beats a bag of words.
 */
class TextAccuracyOrderTest {
    @Test
    void fineTunedBeatsFrozenWhichBeatsBagOfWords() {
        Fortunes.Labeled fortunes = Fortunes.first(200);
        TextDataSet data = texts(fortunes.texts(), fortunes.labels()).split(0.75, 42).maxLength(48);
        double bagOfWords = accuracy(model().dense(4), data.bagOfWords(), epochs(30));
        double frozen = accuracy(model().frozenEncoder(miniLM()).dropout(0.1).dense(4), data, epochs(30));
        double fineTuned = accuracy(model().bert(miniLM()).meanPool().dropout(0.1).dense(4).optimizer(adamw(5e-5, 0.01).clipGradient(1.0)), data,
                epochs(2), batchSize(16));
        String figures = "bag of words " + bagOfWords + ", frozen " + frozen + ", fine-tuned " + fineTuned;
        System.out.println("text accuracy (quick variant, 600 train / 200 test fortunes): " + figures);
        assertTrue(frozen > bagOfWords, figures);
        assertTrue(fineTuned > frozen, figures);
    }

    private static double accuracy(Model net, TextDataSet data, TrainOption... options) {
        TrainOption[] all = Arrays.copyOf(options, options.length + 2);
        all[options.length] = seed(42);
        all[options.length + 1] = progress(ProgressListener.NONE);
        try (net) {
            net.train(data, all);
            return net.evaluate(data.test()).accuracy();
        }
    }
}
