package io.onorbit.flight.learning;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.memory.MemoryCategory;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.model.TrainableSubset;
import java.nio.ByteBuffer;
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
 * <p>Memory: one float per trainable parameter (the average), allocated through the trainer's accountant. The
 * averaged model is not a second network: its prediction swaps the average into the trained network's trainable
 * parameters around one forward pass, which restores them bit for bit (so it must come before the forward pass
 * whose activations the trainer's gradient uses). Not thread-safe.
 */
public final class IterateAverage {

    private final double windowUpdates;
    private final TrainableSubset subset;
    /** The average of each trainable parameter's iterates since the latest restart (parameter units). */
    private final float[] mean;
    /** Iterates averaged since the latest restart (count). */
    private long count;
    /** The trained network's {@link DenseNetwork#replacements()} when the average last restarted at it. */
    private long seenReplacements;

    /**
     * Starts at the trained network's current weights.
     *
     * @param settings the window
     * @param trained  the trained network
     * @param subset   its trainable parameters
     * @param memory   where the average is allocated
     */
    IterateAverage(IterateAveragingSettings settings, DenseNetwork trained, TrainableSubset subset,
                   MemoryAccountant memory) {
        this.windowUpdates = Objects.requireNonNull(settings, "settings").windowUpdates();
        this.subset = Objects.requireNonNull(subset, "subset");
        this.mean = memory.floats("iterate average", MemoryCategory.OPTIMIZER_STATE, subset.size());
        seenReplacements = trained.replacements();
        restartAt(trained);
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
     * Before a prediction: if the trained network was replaced from outside since the last look (a deployed,
     * merged or restored model), the average restarts there.
     */
    void follow(DenseNetwork trained) {
        if (trained.replacements() != seenReplacements) {
            seenReplacements = trained.replacements();
            restartAt(trained);
        }
    }

    /** The average forgets every iterate before the trained network's current one, and is that one. */
    void restartAt(DenseNetwork trained) {
        count = 0;
        subset.read(trained, mean);
    }

    /** Averages in the trained network's current trainable weights (a new iterate). */
    void add(DenseNetwork trained) {
        count++;
        double c = weight(count, windowUpdates);
        for (int k = 0; k < mean.length; k++) {
            mean[k] = (float) (mean[k] + c * (trained.parameter(subset.index(k)) - mean[k]));
        }
    }

    /**
     * The averaged model's prediction: the average swapped into the trained network's trainable parameters
     * around one forward pass ({@link TrainableSubset#predictWith}; restored bit for bit, the trained network's
     * activations are this pass's after).
     *
     * @return the averaged model's prediction of {@code x}
     */
    float predict(DenseNetwork trained, float[] x) {
        return subset.predictWith(trained, mean, x);
    }

    /**
     * @return the averaged model's parameters (layout order): the trained network's, with each trainable one
     *         replaced by its average (a copy)
     */
    public float[] servedParameters(DenseNetwork trained) {
        float[] p = trained.parameters();
        for (int k = 0; k < mean.length; k++) {
            p[subset.index(k)] = mean[k];
        }
        return p;
    }

    /** @return iterates averaged since the latest restart (count) */
    public long iteratesSinceRestart() {
        return count;
    }

    /** @return bytes {@link #save} writes: the average (a float per trained weight) and its count */
    int savedBytes() {
        return 4 * mean.length + 8;
    }

    /** Writes the average and how many iterates it holds (a checkpoint). */
    void save(ByteBuffer out) {
        SavedArrays.put(out, mean);
        out.putLong(count);
    }

    /**
     * Reads what {@link #save} wrote, after the trained network's weights were restored from the same checkpoint
     * (that write does not restart this average).
     */
    void resume(ByteBuffer in, DenseNetwork trained) {
        SavedArrays.get(in, mean);
        count = in.getLong();
        seenReplacements = trained.replacements();
    }
}
