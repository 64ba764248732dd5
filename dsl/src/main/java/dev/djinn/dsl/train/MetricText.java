package dev.djinn.dsl.train;

import java.util.Map;

/** "loss 0.4321  accuracy 0.8765", the way progress lines and reports print a loss with its metrics. */
final class MetricText {
    private MetricText() {
    }

    static String of(String prefix, double loss, Map<String, Double> metrics) {
        StringBuilder text = new StringBuilder(String.format("%sloss %.4f", prefix, loss));
        metrics.forEach((name, value) -> text.append(String.format("  %s%s %.4f", prefix, name, value)));
        return text.toString();
    }
}
