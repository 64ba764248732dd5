package dev.djinn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    static void report(String name, double warmSamplesPerSecond, double accuracy) {
        System.out.printf("RESULT %s samples_per_s=%.0f accuracy=%.4f peak_rss_kb=%d%n", name, warmSamplesPerSecond, accuracy, peakRssKilobytes());
    }
}
