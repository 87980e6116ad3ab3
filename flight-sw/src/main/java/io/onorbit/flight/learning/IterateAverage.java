package io.onorbit.flight.learning;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.memory.MemoryCategory;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.model.TrainableSubset;
import java.util.Objects;

/**
 * The served model of a trainer with iterate averaging: the trained network's parameters with each
 * trainable one replaced by the average of its iterates (Ruppert 1988; Polyak and Juditsky 1992,
 * "Acceleration of stochastic approximation by averaging", SIAM J. Control Optim. 30(4)). A
 * constant-rate stochastic step keeps jittering around the optimum with every noisy label (the
 * misadjustment of NLMS at rate eta is about eta / (2 - eta) times the label noise variance);
 * the average of iterates over a window much longer than their correlation time has that jitter's
 * variance divided by about the window over the correlation time, while the iterate keeps the
 * fast rate that tracks a change. The gradients stay at the iterate (the trainer's own network).
 *
 * <p>Weights: the k-th iterate since the latest restart is averaged in with weight
 * c_k = max(2 / (k + 1), 2 / (W + 1)): for k &lt; W the average is sum_j 2 j w_j / (k (k + 1)),
 * weights growing linearly with j (polynomial-decay averaging with eta = 1, Shamir and Zhang 2013,
 * "Stochastic gradient descent for non-smooth optimization", ICML: a one-vector stand-in for the
 * suffix average of the last half of the iterates, which forgets the start); from k = W on an
 * exponential average of span W (weight 2 / (W + 1)), so its memory stops growing: the target
 * moves. A restart (a detected change; a model written from outside, which
 * {@link DenseNetwork#replacements()} reveals) makes the average the iterate itself: the iterates
 * before a change belong to the old concept.
 *
 * <p>Memory: the served network (parameters and activations) and the average in double, allocated
 * through the trainer's accountant. Not thread-safe.
 */
public final class IterateAverage {

    private final double windowUpdates;
    private final TrainableSubset subset;
    private final DenseNetwork served;
    /** The average of each trainable parameter's iterates since the latest restart (parameter units). */
    private final double[] mean;
    /** Iterates averaged since the latest restart (count). */
    private long count;
    /** The trained network's {@link DenseNetwork#replacements()} when the served one last copied it. */
    private long seenReplacements;

    /**
     * Starts as a copy of the trained network, its average restarted there.
     *
     * @param settings the window
     * @param trained  the trained network
     * @param subset   its trainable parameters
     * @param memory   where the served network and the average are allocated
     */
    IterateAverage(IterateAveragingSettings settings, DenseNetwork trained, TrainableSubset subset,
                   MemoryAccountant memory) {
        this.windowUpdates = Objects.requireNonNull(settings, "settings").windowUpdates();
        this.subset = Objects.requireNonNull(subset, "subset");
        // seed 0: the initial weights are overwritten by the copy just below
        this.served = new DenseNetwork(trained.widths(), 0, memory);
        this.mean = memory.doubles("iterate average", MemoryCategory.OPTIMIZER_STATE, subset.size());
        copy(trained);
    }

    /**
     * The weight of the k-th iterate since a restart.
     *
     * @param k             iterates since the restart, this one counted, &ge; 1
     * @param windowUpdates the window W, &ge; 1
     * @return max(2 / (k + 1), 2 / (W + 1)), in (0, 1]
     */
    static double weight(long k, double windowUpdates) {
        return Math.max(2.0 / (k + 1), 2.0 / (windowUpdates + 1));
    }

    /**
     * Before a prediction: if the trained network was replaced from outside since the last look, the
     * served network becomes a copy of it and the average restarts there.
     */
    void follow(DenseNetwork trained) {
        if (trained.replacements() != seenReplacements) {
            copy(trained);
        }
    }

    /** The served network becomes a copy of the trained one and the average restarts there. */
    private void copy(DenseNetwork trained) {
        served.setParameters(trained.parameters());
        seenReplacements = trained.replacements();
        restartAt(trained);
    }

    /** The average forgets every iterate before the trained network's current one, and serves that one. */
    void restartAt(DenseNetwork trained) {
        count = 0;
        for (int k = 0; k < mean.length; k++) {
            float w = trained.parameter(subset.index(k));
            mean[k] = w;
            served.setParameter(subset.index(k), w);
        }
    }

    /** Averages in the trained network's current trainable weights (a new iterate). */
    void add(DenseNetwork trained) {
        count++;
        double c = weight(count, windowUpdates);
        for (int k = 0; k < mean.length; k++) {
            int i = subset.index(k);
            double m = mean[k] + c * (trained.parameter(i) - mean[k]);
            mean[k] = m;
            served.setParameter(i, (float) m);
        }
    }

    /** @return the served (averaged) model's prediction of {@code x} */
    float predict(float[] x) {
        return served.predict(x);
    }

    /** @return the served network: the trained one's parameters with the trainable ones averaged */
    public DenseNetwork served() {
        return served;
    }

    /** @return iterates averaged since the latest restart (count) */
    public long iteratesSinceRestart() {
        return count;
    }
}
