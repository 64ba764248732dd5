package dev.djinn.magics.plot;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TicksTest {
    @Test
    void aSingleEpochsLossGetsAFewDecimalsNotARawDouble() {
        String pattern = Ticks.pattern(0.563173306435347, 0.563173306435347);
        assertEquals("0.5632", Ticks.format(0.563173306435347, pattern));
    }

    @Test
    void theSpreadDecidesTheDecimals() {
        assertEquals("0.56", Ticks.format(0.5631733, Ticks.pattern(0.2, 1.3)));
        assertEquals("60,000", Ticks.format(60000, Ticks.pattern(0, 60000)));
        assertEquals("0.00123", Ticks.format(0.00123456, Ticks.pattern(new double[] {0.001, 0.002, Double.NaN})));
        assertEquals("#,##0", Ticks.pattern(new double[] {Double.NaN}));
    }

    @Test
    void histogramBinsAreLabelledReadablyAndUpright() {
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i) * 0.0371;
        }
        Panel panel = Charts.histogram(values, "weights", "value");
        List<String> labels = panel.categories();
        assertEquals(20, labels.size());
        assertTrue(labels.stream().allMatch(label -> label.length() <= 7), labels.toString());
        assertTrue(labels.contains("-0.0371"), labels.toString());
    }
}
