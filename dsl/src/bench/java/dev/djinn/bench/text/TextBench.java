package dev.djinn.bench.text;

import ai.djl.ndarray.NDManager;
import dev.djinn.dsl.data.TextData;
import dev.djinn.dsl.data.TextDataSet;
import dev.djinn.dsl.evaluate.Evaluation;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.serve.ModelServer;
import dev.djinn.dsl.text.OnnxEncoder;
import dev.djinn.dsl.text.PretrainedEncoder;
import dev.djinn.dsl.text.Tokenizer;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;
import dev.djinn.dsl.train.TrainOption;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.djinn.Djinn.adam;
import static dev.djinn.Djinn.adamw;
import static dev.djinn.Djinn.batchSize;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.fortunes;
import static dev.djinn.Djinn.miniLM;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.seed;

/**
 * Text benchmarks on Debian's fortunes, sequences of 64 tokens, batch 32:
 * {@code finetune} — training throughput of all-MiniLM-L6-v2 imported into PyTorch and fine-tuned by the DSL (the
 * second of two epochs over 640 texts); {@code onnx} — the same encoder run by ONNX Runtime for inference only, the
 * upper bound of a forward pass here; {@code serve} — texts/s of a served fine-tuned model, 2 clients posting 32
 * texts each; {@code accuracy} — the five classifiers of tutorial 06 on one seeded split, with their training times.
 */
public final class TextBench {
    private static final int LENGTH = 64;
    private static final int BATCH = 32;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "finetune" -> finetune();
            case "onnx" -> onnx();
            case "serve" -> serve();
            case "accuracy" -> accuracy(args.length > 1 ? Integer.parseInt(args[1]) : 3);
            default -> throw new IllegalArgumentException("finetune, onnx, serve or accuracy");
        }
    }

    private static TextData sample(int count) {
        TextData all = fortunes();
        return all.select(IntStream.range(0, count).map(i -> (int) ((long) i * all.size() / count)).toArray());
    }

    private static Model fineTuner() {
        return model().bert(miniLM()).meanPool().dropout(0.1).dense(4).optimizer(adamw(2e-5, 0.01).clipGradient(1.0));
    }

    private static void finetune() {
        TextData texts = sample(640).maxLength(LENGTH);
        try (Model net = fineTuner()) {
            History history = net.train(texts, epochs(2), batchSize(BATCH), progress(ProgressListener.NONE));
            System.out.printf("RESULT finetune sequences_per_s=%.1f%n", history.last().samplesPerSecond());
        }
    }

    private static void onnx() {
        PretrainedEncoder encoder = PretrainedEncoder.miniLM();
        Tokenizer tokenizer = encoder.tokenizer(LENGTH);
        List<Tokenizer.Tokens> tokens = tokenizer.encode(sample(640).texts());
        try (OnnxEncoder onnx = OnnxEncoder.load(encoder, encoder.shape().dimension())) {
            run(onnx, tokens.subList(0, 64)); // warm-up
            long start = System.nanoTime();
            run(onnx, tokens);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("RESULT onnx-inference sequences_per_s=%.1f%n", tokens.size() / seconds);
        }
    }

    private static void run(OnnxEncoder onnx, List<Tokenizer.Tokens> tokens) {
        for (int from = 0; from < tokens.size(); from += BATCH) {
            List<Tokenizer.Tokens> batch = tokens.subList(from, Math.min(tokens.size(), from + BATCH));
            onnx.embed(batch.stream().map(Tokenizer.Tokens::ids).toArray(long[][]::new), batch.stream().map(Tokenizer.Tokens::mask).toArray(long[][]::new));
        }
    }

    private static void serve() throws Exception {
        TextData texts = sample(320).maxLength(LENGTH);
        try (Model net = fineTuner()) {
            net.train(texts, epochs(1), batchSize(BATCH), progress(ProgressListener.NONE));
            ModelServer server = net.serve(0);
            HttpClient client = HttpClient.newHttpClient();
            String body = "{\"texts\": [" + texts.texts().subList(0, BATCH).stream().map(TextBench::json).collect(Collectors.joining(", ")) + "]}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/predict")).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            client.send(request, HttpResponse.BodyHandlers.ofString()); // warm-up
            int requests = 20;
            ExecutorService clients = Executors.newFixedThreadPool(2);
            long start = System.nanoTime();
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(clients.submit(() -> client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                if (answer.get() != 200) {
                    throw new IllegalStateException("the server answered " + answer.get());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            clients.shutdown();
            server.stop();
            System.out.printf("RESULT serve texts_per_s=%.1f%n", requests * BATCH / seconds);
        }
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The five classifiers of tutorial 06, on the full data, one seeded split. */
    private static void accuracy(int fineTuneEpochs) {
        TextDataSet data = fortunes().split(0.8, 42).maxLength(LENGTH);
        int[] counts = new int[data.classNames().size()];
        System.out.println(data);
        long[] trainLabels;
        try (var manager = NDManager.newBaseManager()) {
            trainLabels = data.train().labels(manager).toLongArray();
            long[] testLabels = data.test().labels(manager).toLongArray();
            Arrays.stream(trainLabels).forEach(label -> counts[(int) label]++);
            int majority = 0;
            for (int c = 1; c < counts.length; c++) {
                majority = counts[c] > counts[majority] ? c : majority;
            }
            final int chosen = majority;
            double baseline = Arrays.stream(testLabels).filter(label -> label == chosen).count() / (double) testLabels.length;
            System.out.printf("RESULT accuracy majority-class %.4f seconds=0%n", baseline);
        }
        report("bag-of-words-logistic", model().dense(4), data.bagOfWords(), epochs(30));
        report("transformer-from-scratch", model().embedding(data.vocabularySize(), 128, LENGTH).transformerEncoder(2, 4, 256)
                .meanPool().dropout(0.1).dense(4).optimizer(adam(1e-3).clipGradient(1.0)), data, epochs(20));
        report("frozen-minilm-head", model().frozenEncoder(miniLM()).dropout(0.1).dense(4), data, epochs(30));
        report("fine-tuned-minilm", fineTuner(), data, epochs(fineTuneEpochs), batchSize(BATCH));
    }

    private static void report(String name, Model net, TextDataSet data, TrainOption... options) {
        TrainOption[] all = Arrays.copyOf(options, options.length + 2);
        all[options.length] = seed(42);
        all[options.length + 1] = progress(ProgressListener.NONE);
        long start = System.nanoTime();
        History history = net.train(data, all);
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation evaluation = net.evaluate(data.test());
        System.out.printf("RESULT accuracy %s %.4f seconds=%.0f epochs=%d%n", name, evaluation.accuracy(), seconds, history.epochs().size());
        net.close();
    }
}
