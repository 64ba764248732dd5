package dev.djinn.dsl.train;

import dev.djinn.dsl.data.LabeledData;
import dev.djinn.dsl.data.Permutation;

import java.util.Arrays;
import java.util.Random;

/** A seeded random share of the training data held out for validation: the test split never selects a model. */
public record HoldOut(LabeledData train, LabeledData validation, String description) {
    /** {@code fraction} of {@code data}, chosen with {@code seed}; the rest to train on. */
    public static HoldOut of(LabeledData data, double fraction, long seed) {
        int held = (int) Math.round(data.size() * fraction);
        if (held < 1 || held >= data.size()) {
            throw new IllegalArgumentException("validation(" + fraction + ") of " + data.size() + " examples leaves "
                    + (data.size() - held) + " to train on and " + held + " to validate: give more data or another share.");
        }
        int[] order = Permutation.of(data.size(), new Random(seed ^ 0x5DEECE66DL));
        int trainSize = data.size() - held;
        LabeledData validation = data.select(Arrays.copyOfRange(order, trainSize, order.length));
        return new HoldOut(data.select(Arrays.copyOfRange(order, 0, trainSize)), validation,
                Math.round(fraction * 100) + "% of the training data held out (seed " + seed + ", " + validation.size() + " examples)");
    }
}
