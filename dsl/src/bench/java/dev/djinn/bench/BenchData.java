package dev.djinn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What every benchmark run prints, in one parseable line, and the peak RSS of this process. */
final class BenchData {
    private BenchData() {
    }

    static long peakRssKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /**
     * The warm throughput of a run from its epochs' samples/s: the median of the epochs after the first half. A JVM's
     * JIT compiles a training step's methods in waves (C2 takes methods called twice a step at about 2,500 steps, once
     * a step at about 5,000: one epoch in such a wave ran 20–45% slower than its neighbours, the C2 compiler taking a
     * core from PyTorch's threads), so a single epoch can land in one; the median of several is not moved by one.
     */
    static double warm(List<Double> epochSamplesPerSecond) {
        List<Double> later = new ArrayList<>(epochSamplesPerSecond.subList(epochSamplesPerSecond.size() / 2, epochSamplesPerSecond.size()));
        Collections.sort(later);
        int n = later.size();
        return n % 2 == 1 ? later.get(n / 2) : (later.get(n / 2 - 1) + later.get(n / 2)) / 2;
    }

    static void report(String name, double warmSamplesPerSecond, double accuracy) {
        System.out.printf("RESULT %s samples_per_s=%.0f accuracy=%.4f peak_rss_kb=%d%n", name, warmSamplesPerSecond, accuracy, peakRssKilobytes());
    }
}
