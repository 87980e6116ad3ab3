package io.onorbit.flight.payload;

import io.onorbit.flight.learning.LearningSettings;
import io.onorbit.flight.learning.StepRule;
import io.onorbit.flight.learning.model.TrainableSubset;

/**
 * What the host counts for each sample and each update of {@code flight.learning.OnboardTrainer},
 * from the network's shape and the trainer's settings (the operations the trainer's loops
 * execute, not a measurement of the JVM).
 *
 * <p>Conventions (the same as {@code DigitalOptimizer}'s): a multiply-accumulate is one multiply
 * and one add; every weight is read once per pass, every layer input once and every output
 * written once; an accumulator update is a read and a write; a tanh is one "divide" (priced as
 * several multiplies). Counts per sample: the forward pass, storing the sample in the replay
 * buffer, and either the normal-equation sums (upper triangle of h hᵀ and h y, last layer exact)
 * or the backward pass (two multiply-accumulates per forward one: deltas and gradient, the usual
 * rule), plus, with the normalised step, the gradient's squared norm and its scaled addition. Counts per update: {@code replayPerUpdate} replayed samples (drawn, forward, sums or
 * backward), then building the problem (b = (Hᵀy − HᵀH·w0)/B, A = HᵀH/B + μI, or scaling the
 * gradient) and writing the solution back. Replay is counted full (an upper bound until the
 * buffer holds {@code replayPerUpdate} samples).
 */
public final class HostWorkModel {

    private final HostWork perSample;
    private final HostWork perUpdate;
    private final HostWork forward;

    /**
     * @param inputs          features per sample
     * @param settings        trainer settings (layers, subset, replay)
     * @param trainableCount  the trainer's trainable parameter count n
     */
    public HostWorkModel(int inputs, LearningSettings settings, int trainableCount) {
        int[] widths = settings.widths(inputs);
        long n = trainableCount;
        long macs = 0;
        long accesses = 0;
        long tanh = 0;
        long biasAdds = 0;
        for (int l = 1; l < widths.length; l++) {
            long in = widths[l - 1];
            long out = widths[l];
            macs += in * out;
            biasAdds += out;
            accesses += in * out + out + in + out; // weights, biases, inputs, outputs
            if (l < widths.length - 1) {
                tanh += out;
            }
        }
        HostWork forward = new HostWork(macs, macs + biasAdds, tanh, accesses);
        this.forward = forward;
        HostWork fit;
        boolean exact = settings.subset() == TrainableSubset.Kind.LAST_LAYER;
        if (exact) {
            long entries = n * (n + 1) / 2 + n;
            fit = new HostWork(entries, entries, 0, 2 * entries);
        } else {
            fit = new HostWork(2 * macs, 2 * macs, 0, 2 * accesses);
            if (settings.stepRule().normalised()) {
                // The normalised step: clear the sample's gradient (n writes), its squared norm (n
                // multiply-accumulates), one divide, then scale-add it into the batch sum (n MACs,
                // reading both arrays and writing the sum).
                fit = fit.plus(new HostWork(2 * n, 2 * n, 1, 4 * n));
            }
        }
        HostWork store = new HostWork(0, 0, 0, 2L * (inputs + 1)); // copy into the replay buffer
        this.perSample = forward.plus(fit).plus(store);
        HostWork replayed = forward.plus(fit).plus(store).times(settings.replayPerUpdate());
        HostWork build;
        if (exact) {
            build = new HostWork(n * n + n, n * n + n * (n + 1) / 2 + n, n + n * (n + 1) / 2, 2 * n * n + 2 * n);
        } else {
            build = new HostWork(n, 0, 0, 2 * n);
            if (settings.stepRule() == StepRule.VSS_NLMS) {
                // The variable step: p = a p + (1 - a) g (2 multiplies, 1 add), |g|^2 and |p|^2
                // (2 multiply-adds) per parameter, reading g and p and writing p; then r and eta.
                build = build.plus(new HostWork(4 * n, 3 * n, 2, 3 * n));
            }
        }
        HostWork apply = new HostWork(0, n, 0, 3 * n); // w0 + d written back
        this.perUpdate = replayed.plus(build).plus(apply);
    }

    /** @return host work for each sample trained on */
    public HostWork perSample() {
        return perSample;
    }

    /** @return host work of one forward pass (a prediction by a model that is not trained) */
    public HostWork forward() {
        return forward;
    }

    /** @return host work each update adds on top of its samples (replay, building the problem, write-back) */
    public HostWork perUpdate() {
        return perUpdate;
    }
}
