package dev.djinn.dsl.train;

/**
 * How the learning rate changes during training, as a factor of the optimizer's rate:
 * {@code adam(1e-3).schedule(cosine(10))}, {@code sgd(0.1).schedule(warmup(1, step(3, 0.1)))}. Schedules count in
 * epochs and move every step; they continue across {@code train} calls.
 */
public abstract class Schedule {
    private Schedule() {
    }

    /** The factor for 0-based step {@code step} when an epoch has {@code stepsPerEpoch} steps. */
    public abstract double factor(long step, int stepsPerEpoch);

    /** Multiplies the rate by {@code factor} every {@code everyEpochs} epochs. */
    public static Schedule step(int everyEpochs, double factor) {
        if (everyEpochs < 1 || !(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("step(" + everyEpochs + ", " + factor + "): every is at least 1 epoch and the factor is above 0 and at most 1, such as step(3, 0.1).");
        }
        return new Schedule() {
            @Override
            public double factor(long step, int stepsPerEpoch) {
                return Math.pow(factor, Math.floor((double) step / stepsPerEpoch / everyEpochs));
            }

            @Override
            public String toString() {
                return "step(" + everyEpochs + ", " + factor + ")";
            }
        };
    }

    /** Cosine decay from the full rate to zero over {@code epochs} epochs (then zero). */
    public static Schedule cosine(int epochs) {
        return cosine(epochs, 0);
    }

    /** Cosine decay from the full rate to {@code floor} times it over {@code epochs} epochs. */
    public static Schedule cosine(int epochs, double floor) {
        if (epochs < 1 || floor < 0 || floor >= 1) {
            throw new IllegalArgumentException("cosine(" + epochs + ", " + floor + "): decay over at least 1 epoch to a floor from 0 up to (not including) 1.");
        }
        return new Schedule() {
            @Override
            public double factor(long step, int stepsPerEpoch) {
                double progress = Math.min(1, (double) step / ((long) epochs * stepsPerEpoch));
                return floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
            }

            @Override
            public String toString() {
                return floor == 0 ? "cosine(" + epochs + ")" : "cosine(" + epochs + ", " + floor + ")";
            }
        };
    }

    /** Rises linearly from near zero to the full rate over {@code epochs} epochs, then stays. */
    public static Schedule warmup(int epochs) {
        return warmup(epochs, constant());
    }

    /** A linear warm-up over {@code epochs} epochs, then {@code then} (counted from the warm-up's end). */
    public static Schedule warmup(int epochs, Schedule then) {
        if (epochs < 1) {
            throw new IllegalArgumentException("warmup(" + epochs + "): warm up for at least 1 epoch.");
        }
        return new Schedule() {
            @Override
            public double factor(long step, int stepsPerEpoch) {
                long warm = (long) epochs * stepsPerEpoch;
                return step < warm ? (step + 1.0) / warm * then.factor(0, stepsPerEpoch) : then.factor(step - warm, stepsPerEpoch);
            }

            @Override
            public String toString() {
                return then.toString().equals("constant()") ? "warmup(" + epochs + ")" : "warmup(" + epochs + ", " + then + ")";
            }
        };
    }

    /** The optimizer's rate throughout. */
    public static Schedule constant() {
        return new Schedule() {
            @Override
            public double factor(long step, int stepsPerEpoch) {
                return 1;
            }

            @Override
            public String toString() {
                return "constant()";
            }
        };
    }
}
