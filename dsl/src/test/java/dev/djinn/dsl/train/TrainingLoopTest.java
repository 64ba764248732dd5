package dev.djinn.dsl.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class TrainingLoopTest {

    @Test
    void anEpochIsCutAfterEveryFullBatchBeforeTheEnd() {
        assertArrayEquals(new long[] {4, 8}, TrainingLoop.boundaries(10, 4), "the last batch is the two left");
        assertArrayEquals(new long[] {4}, TrainingLoop.boundaries(8, 4), "no empty batch at the end");
        assertArrayEquals(new long[] {}, TrainingLoop.boundaries(3, 4), "one batch of all three");
        assertArrayEquals(new long[] {}, TrainingLoop.boundaries(0, 4));
    }
}
