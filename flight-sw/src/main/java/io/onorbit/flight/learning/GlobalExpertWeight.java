package io.onorbit.flight.learning;

/**
 * How much of the global model held a satellite serves: its correction to the satellite's own
 * prediction, clipped, then weighted by a {@link MixingWeight} fitted on the satellite's samples.
 *
 * <p>The expert is g' = own + clip(global - own, c), c = {@link #CLIP_RMS_FRACTION} x the RMS of
 * the own prediction's recent error, and the prediction served is lambda own + (1 - lambda) g'.
 * The clip is Huber's (1964, "Robust estimation of a location parameter"): where the global model
 * and the satellite's own agree within the own error's scale, their errors average out (with
 * independent errors of variances v1, v2 the fitted weight tends to v2 / (v1 + v2), Bates and
 * Granger 1969); where they differ by far more, the global model is most likely stale (it reaches
 * the satellite only at passes, hours after the samples it learned from, and misses a drift the
 * satellite has just seen), and its pull is bounded by c instead of growing with its error. The
 * fraction 0.5 was measured on an own Walker not in the repository against 1 and 2 and no clip
 * (BENCHMARKS.md, "The global model made good"). Immutable.
 *
 * @param weight       the least-squares weight of own against g' (its {@link MixingWeight#personalShare()} is own's share)
 * @param errorSquares faded sum of the own prediction's squared errors, in the label's unit squared, &ge; 0
 * @param errorCount   faded count of those errors (the same forgetting as {@code weight}), &ge; 0
 */
public record GlobalExpertWeight(MixingWeight weight, double errorSquares, double errorCount) {

    /** c as a fraction of the own prediction's recent RMS error. */
    public static final double CLIP_RMS_FRACTION = 0.5;

    public GlobalExpertWeight {
        java.util.Objects.requireNonNull(weight, "weight");
        if (!(errorSquares >= 0) || !Double.isFinite(errorSquares) || !(errorCount >= 0) || !Double.isFinite(errorCount)) {
            throw new IllegalArgumentException("global expert weight: error squares " + errorSquares + " and count "
                    + errorCount + " must be finite and >= 0");
        }
    }

    /**
     * @param memorySamples how many samples the sums remember (forgetting 1 - 1/memory), &ge; 2
     * @return a weight that has seen nothing (the global model's pull is 0 until the own error is measured)
     */
    public static GlobalExpertWeight start(double memorySamples) {
        return new GlobalExpertWeight(MixingWeight.start(memorySamples), 0, 0);
    }

    /** @return c, the largest correction the global model may make, in the label's unit (0 before any error is measured) */
    public double clip() {
        return errorCount > 0 ? CLIP_RMS_FRACTION * Math.sqrt(errorSquares / errorCount) : 0;
    }

    /** @return g', the own prediction moved towards the global model's by at most {@link #clip()} */
    public float expert(float own, float global) {
        double c = clip();
        double d = (double) global - own;
        return (float) (own + Math.max(-c, Math.min(c, Double.isFinite(d) ? d : 0)));
    }

    /** @return the prediction served, in the label's unit */
    public float serve(float own, float global) {
        return weight.mix(own, expert(own, global));
    }

    /**
     * @param own    the own models' (mixed) prediction of a sample, made before training on it
     * @param global the global model's prediction of it
     * @param y      the sample's label
     * @return the weight after this sample (an unusable sample, not finite, leaves it unchanged)
     */
    public GlobalExpertWeight observe(float own, float global, float y) {
        double e = (double) y - own;
        if (!Double.isFinite(e)) {
            return this;
        }
        double f = weight.forgetting();
        return new GlobalExpertWeight(weight.observe(own, expert(own, global), y), f * errorSquares + e * e,
                f * errorCount + 1);
    }
}
