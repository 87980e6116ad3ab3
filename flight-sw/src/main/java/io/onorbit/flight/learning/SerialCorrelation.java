package io.onorbit.flight.learning;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.memory.MemoryCategory;
import java.nio.ByteBuffer;

/**
 * How serially correlated the sample stream's features are: each feature's lag-1 autocorrelation
 * by exponentially weighted moments with memory M samples (weight 1 / M; the plain running moments
 * for the first M samples),
 * <pre>
 *   rho_i = (mean(x_i,t x_i,t-1) - mean_i^2) / (mean(x_i^2) - mean_i^2),
 * </pre>
 * their mean rho over the features that vary, and whether rho lies inside the band a white-noise
 * stream stays in 95 % of the time, |rho| &le; 2 / sqrt(n), n = min(samples seen, M) (Bartlett
 * 1946, "On the theoretical specification and sampling properties of autocorrelated time-series",
 * JRSS Supplement 8: a white-noise autocorrelation has standard error 1 / sqrt(n); the mean of
 * several has at most that).
 *
 * <p>Why the trainer asks: experience replay rehearses the buffer as if its samples were
 * independent draws of the current concept (Lin 1992; Mnih et al. 2015 replay to break the
 * correlation of consecutive samples). Telemetry driven by the orbit is not: consecutive samples
 * nearly repeat, the default 96-sample buffer holds at most one orbit of 60 s samples, and repeated
 * passes over it fit that stretch of telemetry rather than the concept. The features, not the
 * errors, are measured: a learner relearning after a change makes errors with a slowly moving mean,
 * which reads as correlation on any stream. Not thread-safe.
 */
public final class SerialCorrelation {

    /** Half-width of the white-noise band in standard errors (1 / sqrt(n) each): about 95 %. */
    public static final double BAND_STANDARD_ERRORS = 2.0;

    private final long memorySamples;
    private final int features;
    /** Per feature: mean, mean square, mean lag product, previous value (4 x features). */
    private final double[] moments;
    private long count;

    /**
     * @param features      features per sample, &ge; 1
     * @param memorySamples memory M of the exponential moments, samples, &ge; 2
     * @param memory        where the moments are allocated (4 doubles per feature)
     */
    public SerialCorrelation(int features, long memorySamples, MemoryAccountant memory) {
        if (features < 1 || memorySamples < 2) {
            throw new IllegalArgumentException("serial correlation: features " + features + " must be >= 1 and memory "
                    + memorySamples + " samples >= 2");
        }
        this.features = features;
        this.memorySamples = memorySamples;
        this.moments = memory.doubles("feature autocorrelation moments", MemoryCategory.OPTIMIZER_STATE, 4 * features);
    }

    /** Adds the next sample's features (finite; not kept). */
    public void observe(float[] x) {
        count++;
        double w = 1.0 / Math.min(count, memorySamples);
        double wLag = count > 1 ? 1.0 / Math.min(count - 1, memorySamples) : 0;
        for (int i = 0; i < features; i++) {
            double v = x[i];
            int b = 4 * i;
            moments[b] += (v - moments[b]) * w;
            moments[b + 1] += (v * v - moments[b + 1]) * w;
            moments[b + 2] += (v * moments[b + 3] - moments[b + 2]) * wLag;
            moments[b + 3] = v;
        }
    }

    /**
     * @return the mean lag-1 autocorrelation over the features with a variance, each clamped to
     *         [-1, 1]; 0 before two samples or if no feature varies
     */
    public double meanLagOneAutocorrelation() {
        double sum = 0;
        int varying = 0;
        for (int i = 0; i < features && count > 1; i++) {
            int b = 4 * i;
            double mean = moments[b];
            double variance = moments[b + 1] - mean * mean;
            // a variance at rounding level of the mean square is a constant feature
            if (variance > 1e-12 * moments[b + 1]) {
                sum += Math.max(-1, Math.min(1, (moments[b + 2] - mean * mean) / variance));
                varying++;
            }
        }
        return varying > 0 ? sum / varying : 0;
    }

    /**
     * @return whether the mean autocorrelation is inside the white-noise band 2 / sqrt(min(n, M));
     *         false before {@link ChangeDetector#MIN_REFERENCE_SAMPLES} samples (too few to tell)
     */
    public boolean looksWhite() {
        if (count < ChangeDetector.MIN_REFERENCE_SAMPLES) {
            return false;
        }
        double n = Math.min(count, memorySamples);
        return Math.abs(meanLagOneAutocorrelation()) <= BAND_STANDARD_ERRORS / Math.sqrt(n);
    }

    /** @return samples observed (count) */
    public long count() {
        return count;
    }

    /** @return bytes {@link #save} writes: the moments and the count */
    int savedBytes() {
        return 8 * moments.length + 8;
    }

    /** Writes the moments (a checkpoint). */
    void save(ByteBuffer out) {
        SavedArrays.put(out, moments);
        out.putLong(count);
    }

    /** Reads what {@link #save} wrote. */
    void resume(ByteBuffer in) {
        SavedArrays.get(in, moments);
        count = in.getLong();
    }
}
