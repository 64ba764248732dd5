package dev.djinn.dsl.serve;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram: counts of observations at or under each bound, their sum, and their count. */
final class Histogram {
    private final String name;
    private final String help;
    private final double[] bounds;
    private final LongAdder[] counts;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    Histogram(String name, String help, double... bounds) {
        this.name = name;
        this.help = help;
        this.bounds = bounds;
        this.counts = new LongAdder[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void observe(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                counts[i].increment();
                break;
            }
        }
        count.increment();
        sum.add(value);
    }

    long count() {
        return count.sum();
    }

    /** The exposition lines: cumulative buckets, then +Inf, sum and count. */
    void write(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += counts[i].sum();
            out.append(name).append("_bucket{le=\"").append(PrometheusText.number(bounds[i])).append("\"} ").append(cumulative).append('\n');
        }
        long total = count.sum();
        out.append(name).append("_bucket{le=\"+Inf\"} ").append(total).append('\n');
        out.append(name).append("_sum ").append(PrometheusText.number(sum.sum())).append('\n');
        out.append(name).append("_count ").append(total).append('\n');
    }
}
