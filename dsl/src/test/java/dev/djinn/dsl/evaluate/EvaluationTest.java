package dev.djinn.dsl.evaluate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTest {
    // true:      a a a b b c
    // predicted: a a b b c c
    private final Evaluation evaluation = new ClassifierEvaluation(List.of("a", "b", "c"),
            new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 0, 1, 1, 2}, 0.5);

    @Test
    void perClassMetricsFollowFromTheConfusionMatrix() {
        assertArrayEquals(new long[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}}, evaluation.confusionMatrix());
        assertEquals(4 / 6.0, evaluation.accuracy(), 1e-12);
        assertEquals(1.0, evaluation.precision(0), 1e-12);
        assertEquals(2 / 3.0, evaluation.recall(0), 1e-12);
        assertEquals(0.8, evaluation.f1(0), 1e-12);
        assertEquals(0.5, evaluation.precision(1), 1e-12);
        assertEquals(0.5, evaluation.recall(1), 1e-12);
        assertEquals((0.8 + 0.5 + 2 / 3.0) / 3, evaluation.macroF1(), 1e-12);
        assertEquals((0.8 * 3 + 0.5 * 2 + 2 / 3.0) / 6, evaluation.weightedF1(), 1e-12);
    }

    @Test
    void theReportReadsLikeAClassificationReport() {
        String report = evaluation.toString();
        assertTrue(report.startsWith("accuracy 0.6667  loss 0.5000  (6 examples)"), report);
        assertTrue(report.contains("a               1.0000    0.6667    0.8000        3"), report);
        assertTrue(report.contains("macro avg"), report);
    }
}
