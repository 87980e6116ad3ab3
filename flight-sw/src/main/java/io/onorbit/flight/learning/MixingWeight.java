package io.onorbit.flight.learning;

/**
 * The interpolation weight lambda of model interpolation (Mansour et al. 2020), fitted on the
 * satellite's own samples: the prediction served is p = lambda p_personal + (1 - lambda) p_federated,
 * and lambda minimises the faded squared error of p over the samples seen so far,
 * sum_k f^(age k) (y_k - p_federated,k - lambda d_k)^2 with d = p_personal - p_federated, whose
 * minimum is the closed form lambda = cross / spread, cross = sum f^age (y - p_federated) d,
 * spread = sum f^age d^2, clipped to [0, 1] (an interpolation, never an extrapolation). This is
 * the exact recursive least-squares solution of APFL's (Deng et al. 2020) online mixing weight
 * rather than its gradient step: two sums, no step size to tune. Before the models differ
 * (spread 0) lambda is 1/2.
 *
 * @param forgetting f, the factor each older sample's weight is multiplied by per new sample, in (0, 1)
 * @param cross      faded sum of (y - p_federated) d, in the label's unit squared
 * @param spread     faded sum of d^2, in the label's unit squared, &ge; 0
 */
public record MixingWeight(double forgetting, double cross, double spread) {

    public MixingWeight {
        if (!(forgetting > 0 && forgetting < 1)) {
            throw new IllegalArgumentException("mixing weight: forgetting " + forgetting + " must be in (0, 1)");
        }
        if (!Double.isFinite(cross) || !(spread >= 0) || !Double.isFinite(spread)) {
            throw new IllegalArgumentException("mixing weight: cross " + cross + " must be finite, spread " + spread
                    + " finite and >= 0");
        }
    }

    /**
     * @param memorySamples how many samples the sums remember (forgetting 1 - 1/memory), &ge; 2
     * @return a weight that has seen nothing
     */
    public static MixingWeight start(double memorySamples) {
        return new MixingWeight(1 - 1 / memorySamples, 0, 0);
    }

    /** @return lambda, the personal model's share, in [0, 1] */
    public double personalShare() {
        return spread > 0 ? Math.max(0, Math.min(1, cross / spread)) : 0.5;
    }

    /** @return the interpolated prediction, in the label's unit */
    public float mix(float personal, float federated) {
        double l = personalShare();
        return (float) (l * personal + (1 - l) * federated);
    }

    /**
     * @param personal  the personal model's prediction of a sample, made before training on it
     * @param federated the federated model's prediction of it, made before training on it
     * @param y         the sample's label
     * @return the weight after this sample (an unusable sample, not finite, leaves it unchanged)
     */
    public MixingWeight observe(float personal, float federated, float y) {
        double d = (double) personal - federated;
        double r = (double) y - federated;
        if (!Double.isFinite(d) || !Double.isFinite(r)) {
            return this;
        }
        return new MixingWeight(forgetting, forgetting * cross + r * d, forgetting * spread + d * d);
    }
}
