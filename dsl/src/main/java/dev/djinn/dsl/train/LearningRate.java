package dev.djinn.dsl.train;

import ai.djl.training.tracker.Tracker;

/**
 * The learning rate the optimizer asks for at each update: the base rate times the schedule's factor. The
 * training loop tells it how many steps an epoch has, since schedules count in epochs.
 */
public final class LearningRate implements Tracker {
    private final float base;
    private final Schedule schedule;
    private volatile int stepsPerEpoch = 1;

    LearningRate(float base, Schedule schedule) {
        this.base = base;
        this.schedule = schedule;
    }

    public void stepsPerEpoch(int steps) {
        this.stepsPerEpoch = Math.max(1, steps);
    }

    /** The rate for 0-based step {@code step}. */
    public float at(long step) {
        return (float) (base * schedule.factor(step, stepsPerEpoch));
    }

    /** DJL counts updates from 1. */
    @Override
    public float getNewValue(int numUpdate) {
        return at(Math.max(0, numUpdate - 1));
    }
}
