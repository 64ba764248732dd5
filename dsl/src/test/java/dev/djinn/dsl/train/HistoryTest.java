package dev.djinn.dsl.train;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryTest {

    @Test
    void theTextTableStaysAlignedForLargeRegressionLosses() {
        History history = new History();
        history.add(new EpochRecord(1, 28835.8528, Map.of("mae", 151.7), 30714.9, Map.of("mae", 159.4), 0.01, 0.04, 24785));
        history.add(new EpochRecord(2, 2899.1, Map.of("mae", 43.2), 2943.3, Map.of("mae", 43.0), 0.01, 0.03, 44060));
        String[] lines = history.toString().split("\n");
        assertEquals("epoch       loss       mae   val_loss   val_mae        lr   seconds samples/s", lines[0]);
        assertEquals(lines[0].length(), lines[1].length(), history.toString());
        assertEquals(lines[0].length(), lines[2].length(), history.toString());
        assertTrue(lines[1].startsWith("    1 28835.8528  151.7000 30714.9000  159.4000"), lines[1]);
    }
}
