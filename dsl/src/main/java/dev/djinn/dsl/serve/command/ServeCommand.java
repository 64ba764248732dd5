package dev.djinn.dsl.serve.command;

import dev.djinn.Djinn;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.serve.ModelServer;
import dev.djinn.dsl.serve.ServeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code djinn serve MODEL.djinn [--port N] [--host ADDRESS] [--max-batch N] [--max-wait-ms N]
 * [--inference-threads N] [--engine-threads N] [--threads N]}: a saved model as a service, until the process is stopped (SIGTERM or
 * Ctrl-C let requests in flight finish). Prints one line with the address once it listens.
 */
public final class ServeCommand {
    private static final String USAGE = "Usage: djinn serve MODEL.djinn [--port N (8080; 0 for any free port)] [--host ADDRESS (127.0.0.1)]"
            + " [--max-batch N (64)] [--max-wait-ms N (2)] [--inference-threads N (1): forward passes at once]"
            + " [--engine-threads N (1): PyTorch threads per forward pass; raise for large models] [--threads N: request threads]";

    private static final String ENGINE_THREADS = "ai.djl.pytorch.num_threads";

    private ServeCommand() {
    }

    public static void main(String[] args) throws InterruptedException {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.dev.djinn.dsl.serve.requests", "info");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        if (args.length == 0 || args[0].startsWith("-")) {
            fail(args.length == 0 ? "Give the saved model to serve." : "The first argument is the saved model, not " + args[0] + ".");
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            fail("There is no model file " + file.toAbsolutePath() + ": save one with net.save(\"…\").");
        }
        ServeOptions options = ServeOptions.defaults();
        int port = 8080;
        int maxBatch = options.maxBatch();
        Duration maxWait = options.maxWait();
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                fail(flag + " needs a value.");
            }
            String value = args[++i];
            try {
                switch (flag) {
                    case "--port" -> port = Integer.parseInt(value);
                    case "--host" -> options = options.host(value);
                    case "--max-batch" -> maxBatch = Integer.parseInt(value);
                    case "--max-wait-ms" -> maxWait = Duration.ofNanos((long) (Double.parseDouble(value) * 1e6));
                    case "--inference-threads" -> options = options.inferenceThreads(Integer.parseInt(value));
                    case "--threads" -> options = options.threads(Integer.parseInt(value));
                    case "--engine-threads" -> System.setProperty(ENGINE_THREADS, String.valueOf(Math.max(1, Integer.parseInt(value))));
                    default -> fail("Unknown option " + flag + ".");
                }
            } catch (NumberFormatException e) {
                fail(flag + " takes a number, not " + value + ".");
            } catch (IllegalArgumentException e) {
                fail(e.getMessage());
            }
        }
        try {
            options = options.batching(maxBatch, maxWait);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
        // small forward passes, many of them: one PyTorch thread each (its idle OpenMP threads spin, burning the
        // cores the request threads need); a large model is given more with --engine-threads
        setIfAbsent(ENGINE_THREADS, "1");
        Model model = Djinn.load(file);
        ModelServer server = ModelServer.start(model.predictor(), port, options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "djinn-serve-stop"));
        System.out.println("djinn serve: " + file.getFileName() + " at " + server.url() + " (POST /predict, GET /health, GET /model, GET /metrics)");
        System.out.flush();
        stopped.await();
    }

    private static void fail(String message) {
        System.err.println("djinn serve: " + message);
        System.err.println(USAGE);
        System.exit(2);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
