package io.onorbit.flight.learning;

/**
 * Settings of the trainer's iterate averaging ({@link IterateAverage}): the trainer serves, tests
 * and feeds its change detector with the average of its trainable weights' iterates, and keeps
 * taking its gradients at the latest iterate.
 *
 * @param windowUpdates longest memory of the average, updates, in [1, 1e6]: after a restart (the
 *                      trainer's start, a detected change, a model written from outside) the average
 *                      weighs the k-th iterate since it by k (about the last half of the iterates,
 *                      Shamir and Zhang 2013) until the weight 2 / (k + 1) falls to 2 / (W + 1); from
 *                      then on it is an exponential average of span W (an effective memory of about
 *                      W iterates); 1 serves the latest iterate
 */
public record IterateAveragingSettings(double windowUpdates) {

    /** Largest {@link #windowUpdates}. */
    public static final double MAX_WINDOW_UPDATES = 1e6;

    public IterateAveragingSettings {
        if (!(windowUpdates >= 1 && windowUpdates <= MAX_WINDOW_UPDATES)) {
            throw new IllegalArgumentException("learning: iterate averaging windowUpdates " + windowUpdates
                    + " must be in [1, " + MAX_WINDOW_UPDATES + "]");
        }
    }
}
