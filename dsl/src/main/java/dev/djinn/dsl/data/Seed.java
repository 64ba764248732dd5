package dev.djinn.dsl.data;

/** The seed used when none is given: splits, hold-outs, weights and shuffling all start from it. */
public final class Seed {
    public static final long DEFAULT = 42;

    private Seed() {
    }
}
