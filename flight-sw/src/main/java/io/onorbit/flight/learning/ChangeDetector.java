package io.onorbit.flight.learning;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Detects a rise of the prequential error (a concept change) on board: a one-sided CUSUM (Page
 * 1954, "Continuous inspection schemes", Biometrika 41; the Page-Hinkley test of Gama et al. 2014,
 * "A survey on concept drift adaptation", ACM Computing Surveys 46(4)) on each sample's squared
 * error divided by a reference level m (the error's own recent mean), so its settings mean the same
 * on every task and label unit:
 * <pre>
 *   S_t = max(0, S_(t-1) + min(x_t / m, CLIP) - (1 + k)),   a detection when S_t &ge; h.
 * </pre>
 * While the error stays at its reference the increments have mean -k and S returns to 0; a rise of
 * the mean to (1 + r) m with r &gt; k makes S grow by about r - k per sample, so the delay is about
 * h / (r - k) samples (Wald). The increments are capped at {@link #CLIP} (a Huber-type bound) so
 * that a single outlying error moves S by at most CLIP / h of the way. On a detection S and the
 * reference restart (the reference re-learns the new level), and the detector remembers how many
 * samples ago S last left 0: the CUSUM's estimate of when the change began (Page 1954).
 *
 * <p>State: three doubles and three longs (the trainer reserves {@link #STATE_BYTES}). Not thread-safe.
 */
public final class ChangeDetector {

    /**
     * Largest increment ratio x / m. For Gaussian errors x / m is chi-square with one degree of
     * freedom, which exceeds 10 with probability 0.16 %; a classifier's squared error (about 1 on a
     * wrong label, 0 otherwise) at a 10 % error rate has x / m of about 10 on each mistake, so the
     * cap leaves both intact while one wild sample cannot reach a threshold of tens alone.
     */
    public static final double CLIP = 10.0;

    /**
     * Samples the reference level must have seen (since the start or the last detection) before
     * the CUSUM runs: the mean of 64 chi-square(1) values has a relative standard error of
     * sqrt(2 / 64) = 18 %, below the allowances worth using (0.5 and more).
     */
    public static final int MIN_REFERENCE_SAMPLES = 64;

    /** Bytes of state the detector holds (three doubles, three longs). */
    public static final long STATE_BYTES = 6 * 8L;

    private final ChangeDetectorSettings settings;
    private double statistic;
    private double reference;
    private long referenceCount;
    private long samplesSinceZero;
    private long detections;
    private long lastChangeAgeSamples;

    /** @param settings the CUSUM's allowance, threshold and reference memory */
    public ChangeDetector(ChangeDetectorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Adds one prequential squared error (made before training on the sample).
     *
     * @param squaredError the sample's squared error, label unit squared, &ge; 0
     * @return true if this sample completes a detection
     */
    public boolean observe(double squaredError) {
        if (!(squaredError >= 0) || Double.isInfinite(squaredError)) {
            throw new IllegalArgumentException("change detector: squared error " + squaredError + " must be finite and >= 0");
        }
        boolean detected = false;
        if (referenceCount >= MIN_REFERENCE_SAMPLES) {
            double ratio = reference > 0 ? Math.min(squaredError / reference, CLIP) : (squaredError > 0 ? CLIP : 0.0);
            statistic = Math.max(0.0, statistic + ratio - (1 + settings.allowance()));
            samplesSinceZero = statistic > 0 ? samplesSinceZero + 1 : 0;
            if (statistic >= settings.threshold()) {
                detections++;
                lastChangeAgeSamples = samplesSinceZero;
                statistic = 0;
                samplesSinceZero = 0;
                referenceCount = 0;
                reference = 0;
                detected = true;
            }
        }
        if (!detected) {
            // The mean of all samples since the restart, then an exponential average of fixed memory.
            referenceCount++;
            double weight = 1.0 / Math.min(referenceCount, settings.referenceSamples());
            reference += weight * (squaredError - reference);
        }
        return detected;
    }

    /** @return detections so far (count) */
    public long detections() {
        return detections;
    }

    /**
     * @return at the latest detection, how many samples the CUSUM statistic had been above 0: its
     *         estimate of how long ago the change began (empty before any detection)
     */
    public OptionalLong lastChangeAgeSamples() {
        return detections > 0 ? OptionalLong.of(lastChangeAgeSamples) : OptionalLong.empty();
    }

    /** @return the CUSUM statistic S, in reference levels */
    public double statistic() {
        return statistic;
    }

    /** @return the reference level m (the squared error's recent mean), label unit squared */
    public double referenceLevel() {
        return reference;
    }

    public ChangeDetectorSettings settings() {
        return settings;
    }
}
