package dev.djinn.dsl.serve;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@code GET /metrics} tells a Prometheus scraper: answers by endpoint and status, examples predicted, the
 * sizes of the forward passes' batches, request latency, and requests in flight. Counting is lock-free.
 */
final class ServeMetrics {
    private record Answer(String endpoint, int status) {
    }

    private static final Comparator<Answer> ORDER = Comparator.comparing(Answer::endpoint).thenComparingInt(Answer::status);

    private final Map<Answer, LongAdder> responses = new ConcurrentHashMap<>();
    private final LongAdder examples = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Histogram batchSizes;
    private final Histogram latency = new Histogram("djinn_request_duration_seconds", "Time from a request's arrival to its answer.",
            0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);

    ServeMetrics(int maxBatch) {
        int buckets = 1;
        while ((1 << (buckets - 1)) < maxBatch) {
            buckets++;
        }
        double[] bounds = new double[buckets];
        for (int i = 0; i < buckets; i++) {
            bounds[i] = 1 << i;
        }
        batchSizes = new Histogram("djinn_batch_size", "Examples per forward pass (dynamic batching joins requests).", bounds);
    }

    AtomicInteger inFlight() {
        return inFlight;
    }

    void answered(String endpoint, int status, long nanos) {
        responses.computeIfAbsent(new Answer(endpoint, status), key -> new LongAdder()).increment();
        latency.observe(nanos / 1e9);
    }

    void batch(int size) {
        batchSizes.observe(size);
        examples.add(size);
    }

    long examplesPredicted() {
        return examples.sum();
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP djinn_requests_total Requests answered, by endpoint and HTTP status.\n");
        out.append("# TYPE djinn_requests_total counter\n");
        responses.entrySet().stream().sorted(Map.Entry.comparingByKey(ORDER)).forEach(entry ->
                out.append("djinn_requests_total{endpoint=\"").append(entry.getKey().endpoint()).append("\",status=\"")
                        .append(entry.getKey().status()).append("\"} ").append(entry.getValue().sum()).append('\n'));
        out.append("# HELP djinn_examples_total Examples predicted.\n# TYPE djinn_examples_total counter\n");
        out.append("djinn_examples_total ").append(examples.sum()).append('\n');
        out.append("# HELP djinn_requests_in_flight Requests accepted and not yet answered.\n# TYPE djinn_requests_in_flight gauge\n");
        out.append("djinn_requests_in_flight ").append(inFlight.get()).append('\n');
        batchSizes.write(out);
        latency.write(out);
        return out.toString();
    }
}
