package dev.djinn.dsl.text;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.djinn.dsl.data.TextData;
import dev.djinn.dsl.data.TextDataSet;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.model.ModelFileException;
import dev.djinn.dsl.model.Prediction;
import dev.djinn.dsl.model.Summary;
import dev.djinn.dsl.serve.ModelServer;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.djinn.Djinn.data;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.pretrained;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.seed;
import static dev.djinn.Djinn.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Text classifiers end to end: raw strings in, save and load with the tokenizer, a frozen encoder by reference, serving. */
class TextModelTest {
    private static TextDataSet data;

    @BeforeAll
    static void fortunes() {
        Fortunes.Labeled fortunes = Fortunes.first(60);
        data = texts(fortunes.texts(), fortunes.labels()).split(0.8, 5).maxLength(32);
    }

    @Test
    void aSplitLearnsItsVocabularyFromTheTrainTextsOnly() {
        TextData train = data.train();
        TextData test = data.test();
        assertEquals(192, train.size());
        assertEquals(48, test.size());
        assertTrue(train.tokenizer() == test.tokenizer(), "both splits tokenize alike");
        TextData fromTrainOnly = texts(train.texts(), new int[train.size()]);
        assertEquals(fromTrainOnly.tokenizer().json(), train.tokenizer().json());
        assertEquals(List.of("0", "1", "2", "3"), train.classNames());
    }

    @Test
    void aSavedTextModelKeepsItsTokenizerAndPredictsTheSame(@TempDir Path folder) {
        try (Model net = model().embedding(data.vocabularySize(), 16, 32).transformerEncoder(1, 2, 32).meanPool().dense(4)) {
            net.train(data, epochs(2), seed(1), progress(ProgressListener.NONE));
            List<String> unseen = List.of("The program crashed the computer", "Vote for the senator", "a song of love");
            float[][] before = net.predict(unseen);
            Path file = net.save(folder.resolve("text.djinn"));
            try (Model loaded = Model.load(file)) {
                float[][] after = loaded.predict(unseen);
                for (int i = 0; i < unseen.size(); i++) {
                    assertArrayEquals(before[i], after[i], 1e-6f);
                }
                Prediction one = loaded.classify("The program crashed the computer");
                assertTrue(List.of("0", "1", "2", "3").contains(one.className()));
                assertEquals(net.evaluate(data.test()).accuracy(), loaded.evaluate(data.test()).accuracy(), 1e-9);
            }
        }
    }

    @Test
    void aBagOfWordsBaselineIsADenseLayer() {
        try (Model baseline = model().dense(4)) {
            baseline.train(data.bagOfWords(), epochs(5), seed(1), progress(ProgressListener.NONE));
            assertEquals(data.vocabularySize(), baseline.exampleShape().get(0));
            assertTrue(baseline.evaluate(data.bagOfWords().test()).accuracy() > 0.25);
            assertEquals(3, baseline.classify(List.of("a", "b", "c")).size());
        }
    }

    @Test
    void aFrozenEncoderIsSavedByReferenceAndItsAbsenceIsSaidClearly(@TempDir Path folder) throws Exception {
        PretrainedEncoder miniLM = PretrainedEncoder.miniLM();
        Path onnx = Files.copy(miniLM.onnxPath(), folder.resolve("encoder.onnx"));
        Path tokenizer = Files.copy(Path.of(miniLM.tokenizerFile()), folder.resolve("tokenizer.json"));
        try (Model head = model().frozenEncoder(pretrained(onnx, tokenizer)).dense(4)) {
            head.train(data.train(), epochs(2), seed(1), progress(ProgressListener.NONE));
            Summary summary = head.summary();
            assertEquals(miniLM.shape().parameters(), summary.frozenParameters());
            assertEquals(384 * 4 + 4, summary.trainableParameters());
            assertTrue(summary.toString().contains("frozenEncoder(encoder) (frozen)"), summary.toString());
            float[] before = head.predict("Beam me up");
            Path file = head.save(folder.resolve("head.djinn"));
            assertTrue(Files.size(file) < 1_000_000, "the 90 MB encoder is not copied into the file");
            try (Model loaded = Model.load(file)) {
                assertArrayEquals(before, loaded.predict("Beam me up"), 1e-5f);
            }
            Files.delete(onnx);
            ModelFileException missing = assertThrows(ModelFileException.class, () -> Model.load(file));
            assertTrue(missing.getMessage().contains("frozen encoder encoder is missing") && missing.getMessage().contains(onnx.toString()),
                    missing.getMessage());
        }
    }

    @Test
    void aTextModelIsServedWithTextAndTextsAndRefusesOtherBodies() throws Exception {
        try (Model net = model().embedding(data.vocabularySize(), 16, 32).meanPool().dense(4)) {
            net.train(data, epochs(1), progress(ProgressListener.NONE));
            ModelServer server = net.serve(0);
            try {
                HttpResponse<String> one = post(server, "{\"text\": \"The computer is down\"}");
                assertEquals(200, one.statusCode(), one.body());
                JsonObject answer = JsonParser.parseString(one.body()).getAsJsonObject();
                assertEquals(1, answer.getAsJsonArray("predictions").size());
                HttpResponse<String> two = post(server, "{\"texts\": [\"one\", \"two\"]}");
                assertEquals(2, JsonParser.parseString(two.body()).getAsJsonObject().getAsJsonArray("predictions").size());
                for (String bad : List.of("{\"input\": [1, 2]}", "{\"texts\": \"not a list\"}", "{\"texts\": [3]}", "{\"texts\": []}", "[\"x\"]")) {
                    HttpResponse<String> refused = post(server, bad);
                    assertEquals(400, refused.statusCode(), bad);
                    assertTrue(refused.body().contains("text"), refused.body());
                }
            } finally {
                server.stop();
            }
        }
    }

    private static HttpResponse<String> post(ModelServer server, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/predict"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aModelNotTrainedOnTextsSaysSoWhenGivenText() {
        try (Model net = model().dense(2)) {
            net.train(data(new float[][] {{0, 1}, {1, 0}}, new int[] {0, 1}), epochs(1), progress(ProgressListener.NONE));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.predict("hello"));
            assertTrue(e.getMessage().contains("not trained on texts"), e.getMessage());
        }
    }
}
