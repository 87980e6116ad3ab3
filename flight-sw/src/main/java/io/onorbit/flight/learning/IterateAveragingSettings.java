package io.onorbit.flight.learning;

import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the trainer's iterate averaging ({@link IterateAverage}): the trainer serves, tests
 * and feeds its change detector with the average of its trainable weights' iterates, always or only
 * while a detected change's opened step is above the step rule's floor, and keeps taking its
 * gradients at the latest iterate.
 *
 * @param windowUpdates longest memory of the average, updates, in [1, 1e6]: after a restart (the
 *                      trainer's start, a detected change, a model written from outside) the average
 *                      weighs the k-th iterate since it by k (about the last half of the iterates,
 *                      Shamir and Zhang 2013) until the weight 2 / (k + 1) falls to 2 / (W + 1); from
 *                      then on it is an exponential average of span W (an effective memory of about
 *                      W iterates); 1 serves the latest iterate
 * @param serving       when the average, not the iterate, is served
 */
public record IterateAveragingSettings(double windowUpdates, Serving serving) {

    /** Largest {@link #windowUpdates}. */
    public static final double MAX_WINDOW_UPDATES = 1e6;

    /** When the average is served. */
    public enum Serving {
        /** Always: every prediction is the average's. */
        ALWAYS,
        /**
         * After a detected change, while its opened step is above the step rule's floor
         * ({@link LearningSettings#minLearningRate()}); the iterate otherwise. Needs the change
         * detector and the variable step ({@link StepRule#VSS_NLMS}), whose floor the opened step can exceed.
         */
        AFTER_CHANGE;

        /** @return the configuration name ({@code always}, {@code after_change}) */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public IterateAveragingSettings {
        if (!(windowUpdates >= 1 && windowUpdates <= MAX_WINDOW_UPDATES)) {
            throw new IllegalArgumentException("learning: iterate averaging windowUpdates " + windowUpdates
                    + " must be in [1, " + MAX_WINDOW_UPDATES + "]");
        }
        Objects.requireNonNull(serving, "serving");
    }

    /** @return the default learner's: a window of 60 updates, served after a detected change */
    public static IterateAveragingSettings defaults() {
        return new IterateAveragingSettings(60, Serving.AFTER_CHANGE);
    }

    /** @return a copy served always or after a change */
    public IterateAveragingSettings withServing(Serving v) {
        return new IterateAveragingSettings(windowUpdates, v);
    }
}
