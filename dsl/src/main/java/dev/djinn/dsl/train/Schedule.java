package dev.djinn.dsl.train;

import com.google.gson.JsonObject;

/**
 * How the learning rate changes during training, as a factor of the optimizer's rate:
 * {@code adam(1e-3).schedule(cosine(10))}, {@code sgd(0.1).schedule(warmup(1, step(3, 0.1)))}. Schedules count in
 * epochs and move every step; they continue across {@code train} calls. Each is a record that prints itself as it is
 * written and saves itself as JSON.
 */
public sealed interface Schedule {
    /** The factor for 0-based step {@code step} when an epoch has {@code stepsPerEpoch} steps. */
    double factor(long step, int stepsPerEpoch);

    /** {@code {"kind": "warmup", "epochs": 1, "then": {"kind": "cosine", …}}}. */
    JsonObject toJson();

    /** Multiplies the rate by {@code factor} every {@code everyEpochs} epochs. */
    static Schedule step(int everyEpochs, double factor) {
        return new Step(everyEpochs, factor);
    }

    /** Cosine decay from the full rate to zero over {@code epochs} epochs (then zero). */
    static Schedule cosine(int epochs) {
        return cosine(epochs, 0);
    }

    /** Cosine decay from the full rate to {@code floor} times it over {@code epochs} epochs. */
    static Schedule cosine(int epochs, double floor) {
        return new Cosine(epochs, floor);
    }

    /** Rises linearly from near zero to the full rate over {@code epochs} epochs, then stays. */
    static Schedule warmup(int epochs) {
        return warmup(epochs, constant());
    }

    /** A linear warm-up over {@code epochs} epochs, then {@code then} (counted from the warm-up's end). */
    static Schedule warmup(int epochs, Schedule then) {
        return new Warmup(epochs, then);
    }

    /** The optimizer's rate throughout. */
    static Schedule constant() {
        return new Constant();
    }

    /** Reads {@link #toJson()} back. */
    static Schedule fromJson(JsonObject json) {
        String kind = json.has("kind") ? json.get("kind").getAsString() : "";
        switch (kind) {
            case "step": return step(json.get("everyEpochs").getAsInt(), json.get("factor").getAsDouble());
            case "cosine": return cosine(json.get("epochs").getAsInt(), json.has("floor") ? json.get("floor").getAsDouble() : 0);
            case "warmup": return warmup(json.get("epochs").getAsInt(), json.has("then") ? fromJson(json.getAsJsonObject("then")) : constant());
            case "constant": return constant();
            default: throw new IllegalArgumentException("unknown schedule " + json + "; Djinn's schedules are step, cosine, warmup and constant");
        }
    }

    /** Multiplies the rate by {@code factor} every {@code everyEpochs} epochs. */
    record Step(int everyEpochs, double factor) implements Schedule {
        public Step {
            if (everyEpochs < 1 || !(factor > 0 && factor <= 1)) {
                throw new IllegalArgumentException("step(" + everyEpochs + ", " + factor + "): every is at least 1 epoch and the factor is above 0 and at most 1, such as step(3, 0.1).");
            }
        }

        @Override
        public double factor(long step, int stepsPerEpoch) {
            return Math.pow(factor, Math.floor((double) step / stepsPerEpoch / everyEpochs));
        }

        @Override
        public JsonObject toJson() {
            JsonObject json = kind("step");
            json.addProperty("everyEpochs", everyEpochs);
            json.addProperty("factor", factor);
            return json;
        }

        @Override
        public String toString() {
            return "step(" + everyEpochs + ", " + factor + ")";
        }
    }

    /** Cosine decay to {@code floor} times the rate over {@code epochs} epochs. */
    record Cosine(int epochs, double floor) implements Schedule {
        public Cosine {
            if (epochs < 1 || floor < 0 || floor >= 1) {
                throw new IllegalArgumentException("cosine(" + epochs + ", " + floor + "): decay over at least 1 epoch to a floor from 0 up to (not including) 1.");
            }
        }

        @Override
        public double factor(long step, int stepsPerEpoch) {
            double progress = Math.min(1, (double) step / ((long) epochs * stepsPerEpoch));
            return floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
        }

        @Override
        public JsonObject toJson() {
            JsonObject json = kind("cosine");
            json.addProperty("epochs", epochs);
            json.addProperty("floor", floor);
            return json;
        }

        @Override
        public String toString() {
            return floor == 0 ? "cosine(" + epochs + ")" : "cosine(" + epochs + ", " + floor + ")";
        }
    }

    /** A linear warm-up over {@code epochs} epochs, then {@code then}. */
    record Warmup(int epochs, Schedule then) implements Schedule {
        public Warmup {
            if (epochs < 1) {
                throw new IllegalArgumentException("warmup(" + epochs + "): warm up for at least 1 epoch.");
            }
            if (then == null) {
                throw new IllegalArgumentException("warmup(" + epochs + ", null): give the schedule that follows, such as cosine(10).");
            }
        }

        @Override
        public double factor(long step, int stepsPerEpoch) {
            long warm = (long) epochs * stepsPerEpoch;
            return step < warm ? (step + 1.0) / warm * then.factor(0, stepsPerEpoch) : then.factor(step - warm, stepsPerEpoch);
        }

        @Override
        public JsonObject toJson() {
            JsonObject json = kind("warmup");
            json.addProperty("epochs", epochs);
            json.add("then", then.toJson());
            return json;
        }

        @Override
        public String toString() {
            return then instanceof Constant ? "warmup(" + epochs + ")" : "warmup(" + epochs + ", " + then + ")";
        }
    }

    /** The optimizer's rate throughout. */
    record Constant() implements Schedule {
        @Override
        public double factor(long step, int stepsPerEpoch) {
            return 1;
        }

        @Override
        public JsonObject toJson() {
            return kind("constant");
        }

        @Override
        public String toString() {
            return "constant()";
        }
    }

    private static JsonObject kind(String kind) {
        JsonObject json = new JsonObject();
        json.addProperty("kind", kind);
        return json;
    }
}
