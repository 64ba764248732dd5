package dev.djinn.dsl.model;

import dev.djinn.dsl.data.ImageDataSet;
import dev.djinn.dsl.train.EpochRecord;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.fashionMnist;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryTest {

    static long residentKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    @Test
    void nativeMemoryStaysFlatAcrossEpochs() {
        ImageDataSet data = fashionMnist().limit(10_000, 2_000);
        List<Long> rss = new ArrayList<>();
        ProgressListener recorder = new ProgressListener() {
            @Override
            public void onEpoch(EpochRecord record, int epochs) {
                System.gc();
                rss.add(residentKilobytes());
            }
        };
        try (Model net = model().dense(128).relu().dropout(0.2).dense(10)) {
            net.train(data, epochs(10), progress(recorder));
        }
        System.out.println("RSS after each epoch (kB): " + rss);
        long second = rss.get(1);
        long tenth = rss.get(9);
        assertTrue(tenth <= second * 1.05, "RSS grew from " + second + " kB after epoch 2 to " + tenth + " kB after epoch 10");
    }
}
