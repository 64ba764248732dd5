package dev.djinn.dsl.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import com.google.gson.JsonObject;

import java.util.Arrays;
import java.util.Objects;

/**
 * An optimizer as the user wrote it ({@code sgd(0.1).momentum(0.9).nesterov()}), built into DJL's when the model
 * is built. Made by {@code Djinn.sgd}, {@code adam}, {@code adamw}, {@code rmsprop}, {@code adagrad}.
 */
public final class OptimizerSpec {
    /** The optimizers Djinn offers. */
    public enum Kind { SGD, ADAM, ADAMW, RMSPROP, ADAGRAD }

    private final Kind kind;
    private final float learningRate;
    private final float weightDecay;
    private final float momentum;
    private final boolean nesterov;
    private final float clipGradient;
    private final Schedule schedule;

    private OptimizerSpec(Kind kind, double learningRate, double weightDecay, float momentum, boolean nesterov, float clipGradient,
                          Schedule schedule) {
        if (kind == null) {
            throw new IllegalArgumentException("an optimizer needs a kind, one of " + Arrays.toString(Kind.values()).toLowerCase());
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + "(" + learningRate
                    + "): the learning rate must be a positive number, such as 1e-3.");
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("adamw(" + learningRate + ", " + weightDecay + "): weight decay must be zero or more.");
        }
        this.kind = kind;
        this.learningRate = (float) learningRate;
        this.weightDecay = (float) weightDecay;
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.clipGradient = clipGradient;
        this.schedule = schedule;
    }

    public static OptimizerSpec of(Kind kind, double learningRate) {
        return new OptimizerSpec(kind, learningRate, 0, 0, false, 0, Schedule.constant());
    }

    public static OptimizerSpec adamw(double learningRate, double weightDecay) {
        return new OptimizerSpec(Kind.ADAMW, learningRate, weightDecay, 0, false, 0, Schedule.constant());
    }

    /** Momentum for sgd and rmsprop, from 0 (none) up to 1. A new spec: this one is unchanged. */
    public OptimizerSpec momentum(double value) {
        if (kind != Kind.SGD && kind != Kind.RMSPROP) {
            throw new IllegalArgumentException("momentum(" + value + ") applies to sgd and rmsprop, not " + name() + ".");
        }
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("momentum(" + value + "): momentum is at least 0 and below 1, typically 0.9.");
        }
        return new OptimizerSpec(kind, learningRate, weightDecay, (float) value, nesterov, clipGradient, schedule);
    }

    /** Nesterov momentum for sgd (needs a momentum). */
    public OptimizerSpec nesterov() {
        if (kind != Kind.SGD) {
            throw new IllegalArgumentException("nesterov() applies to sgd, not " + name() + ".");
        }
        return new OptimizerSpec(kind, learningRate, weightDecay, momentum, true, clipGradient, schedule);
    }

    /** Clips every gradient element to [-value, value]. */
    public OptimizerSpec clipGradient(double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("clipGradient(" + value + "): the clip value must be positive.");
        }
        return new OptimizerSpec(kind, learningRate, weightDecay, momentum, nesterov, (float) value, schedule);
    }

    /** Changes the learning rate during training: {@code adam(1e-3).schedule(cosine(10))}. */
    public OptimizerSpec schedule(Schedule schedule) {
        Objects.requireNonNull(schedule, "schedule(null): give a schedule such as cosine(10)");
        return new OptimizerSpec(kind, learningRate, weightDecay, momentum, nesterov, clipGradient, schedule);
    }

    /** {@code {"kind": "sgd", "learningRate": 0.1, "momentum": 0.9, "nesterov": true, …, "schedule": {…}}}. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("kind", name());
        json.addProperty("learningRate", learningRate);
        json.addProperty("weightDecay", weightDecay);
        json.addProperty("momentum", momentum);
        json.addProperty("nesterov", nesterov);
        json.addProperty("clipGradient", clipGradient);
        json.add("schedule", schedule.toJson());
        return json;
    }

    /** Reads {@link #toJson()} back, checking every value as the methods that set it do. */
    public static OptimizerSpec fromJson(JsonObject json) {
        String name = json.has("kind") ? json.get("kind").getAsString() : "";
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.name().toLowerCase().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown optimizer \"" + name + "\"; Djinn's are "
                        + Arrays.toString(Kind.values()).toLowerCase()));
        OptimizerSpec spec = new OptimizerSpec(kind, json.get("learningRate").getAsDouble(),
                json.has("weightDecay") ? json.get("weightDecay").getAsDouble() : 0, 0, false, 0, Schedule.constant());
        double momentum = json.has("momentum") ? json.get("momentum").getAsDouble() : 0;
        if (momentum != 0) {
            spec = spec.momentum(momentum);
        }
        if (json.has("nesterov") && json.get("nesterov").getAsBoolean()) {
            spec = spec.nesterov();
        }
        double clip = json.has("clipGradient") ? json.get("clipGradient").getAsDouble() : 0;
        if (clip != 0) {
            spec = spec.clipGradient(clip);
        }
        return json.has("schedule") ? spec.schedule(Schedule.fromJson(json.getAsJsonObject("schedule"))) : spec;
    }

    /** A fresh rate tracker for one network (it learns the epoch length when training starts). */
    public LearningRate newLearningRate() {
        return new LearningRate(learningRate, schedule);
    }

    public Kind kind() {
        return kind;
    }

    public float learningRate() {
        return learningRate;
    }

    /** DJL's optimizer following {@code rate}; {@code l2} is added to the weight decay. */
    public Optimizer build(float l2, LearningRate rate) {
        switch (kind) {
            case SGD:
                if (!nesterov) {
                    return common(Optimizer.sgd().setLearningRateTracker(rate).optMomentum(momentum), l2).build();
                }
                if (momentum == 0) {
                    throw new IllegalArgumentException("sgd(" + learningRate + ").nesterov() needs a momentum: add .momentum(0.9).");
                }
                return new ElementwiseOptimizer.Nesterov(rate, momentum, weightDecay + l2, clipGradient);
            case ADAM:
                return common(Optimizer.adam().optLearningRateTracker(rate), l2).build();
            case ADAMW:
                return common(Optimizer.adamW().optLearningRateTracker(rate), l2).build();
            case RMSPROP:
                return new ElementwiseOptimizer.RmsProp(rate, momentum, weightDecay + l2, clipGradient);
            default:
                return new ElementwiseOptimizer.Adagrad(rate, weightDecay + l2, clipGradient);
        }
    }

    /**
     * Adam's and AdamW's fused update (state in a sub-manager of {@code manager}), which replaces DJL's on a single
     * device; null for the other optimizers, which DJL's trainer updates.
     */
    FusedAdam fused(float l2, NDManager manager) {
        return kind == Kind.ADAM || kind == Kind.ADAMW
                ? new FusedAdam(weightDecay + l2, clipGradient, kind == Kind.ADAMW, manager) : null;
    }

    private <B extends Optimizer.OptimizerBuilder<B>> B common(B builder, float l2) {
        builder.optWeightDecays(weightDecay + l2);
        if (clipGradient > 0) {
            builder.optClipGrad(clipGradient);
        }
        return builder;
    }

    private String name() {
        return kind.name().toLowerCase();
    }

    @Override
    public String toString() {
        String text = kind == Kind.ADAMW ? "adamw(" + learningRate + ", " + weightDecay + ")" : name() + "(" + learningRate + ")";
        if (momentum > 0) {
            text += ".momentum(" + momentum + ")";
        }
        if (nesterov) {
            text += ".nesterov()";
        }
        if (clipGradient > 0) {
            text += ".clipGradient(" + clipGradient + ")";
        }
        if (!(schedule instanceof Schedule.Constant)) {
            text += ".schedule(" + schedule + ")";
        }
        return text;
    }
}
