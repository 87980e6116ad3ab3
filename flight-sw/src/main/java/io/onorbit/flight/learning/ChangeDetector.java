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
 * <p>The reference learns only from samples the CUSUM has judged in control: while S &gt; 0 the
 * samples wait in a pending sum and enter the reference together when S returns to 0 (a false
 * excursion), or are dropped on a detection (they are the new concept's). As in control charting,
 * where the in-control level is estimated from in-control data only (Montgomery, Introduction to
 * Statistical Quality Control, ch. 9), this keeps a learner's slow rise after a change from raising
 * the reference it is measured against: with the reference adapting during the excursion, SEA's
 * second drift on an 820 km orbit went undetected while S hovered at 20-34 of 50 for ten hours
 * (BENCHMARKS.md, "Drift recovery margins"). Every in-control sample still enters the reference,
 * only later, so its level is not biased by the wait.
 *
 * <p>A detection can be taken back ({@link #takeBack}, after {@link ChangeConfirmation} found no change): the
 * detector then resumes, armed, with the reference it held before the detection, so a change soon after a
 * false alarm is judged against the level of the learner before it, not one learned while the trainer's step
 * was open.
 *
 * <p>State: five doubles, four longs and a flag (the trainer reserves {@link #STATE_BYTES}). Not thread-safe.
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
     * Fewest samples the reference level must have seen (since the start or the last detection)
     * before the CUSUM runs; it also waits until the reference's relative standard error is at most
     * half the allowance ({@link #armed}): the mean of 64 chi-square(1) values has a relative
     * standard error of sqrt(2 / 64) = 18 %, but the mean of 64 errors of a classifier at a 10 % error
     * rate has sqrt(0.9 / (0.1 x 64)) = 37 %, and a reference that much too low is a false alarm.
     */
    public static final int MIN_REFERENCE_SAMPLES = 64;

    /** Bytes of state the detector holds (five doubles, four longs and a flag, rounded up to 8 B). */
    public static final long STATE_BYTES = 10 * 8L;

    private final ChangeDetectorSettings settings;
    private double statistic;
    private double reference;
    private long referenceCount;
    /** Mean of the squared errors' squares since the restart, while the CUSUM is not yet armed (label unit^4). */
    private double referenceSecondMoment;
    /** Whether the CUSUM runs: the reference is good enough ({@link #MIN_REFERENCE_SAMPLES}). */
    private boolean armed;
    /** Squared errors seen while S &gt; 0 and not yet in the reference: their sum (label unit squared) and count. */
    private double pendingSum;
    private long pendingCount;
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
        if (armed) {
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
                referenceSecondMoment = 0;
                armed = false;
                detected = true;
            }
        }
        if (detected) {
            pendingSum = 0;
            pendingCount = 0;
        } else if (!armed) {
            // The plain running mean (and mean square) until the reference is good enough to judge by.
            referenceCount++;
            reference += (squaredError - reference) / referenceCount;
            referenceSecondMoment += (squaredError * squaredError - referenceSecondMoment) / referenceCount;
            armed = referenceCount >= MIN_REFERENCE_SAMPLES && (referenceCount >= settings.referenceSamples()
                    || relativeStandardError() <= settings.allowance() / 2);
        } else {
            pendingSum += squaredError;
            pendingCount++;
            if (statistic == 0) {
                foldPending();
            }
        }
        return detected;
    }

    /** @return the running mean's standard error over the mean, from the samples since the restart (0 if they are all 0) */
    private double relativeStandardError() {
        double variance = Math.max(0, referenceSecondMoment - reference * reference) * referenceCount / (referenceCount - 1);
        return reference > 0 ? Math.sqrt(variance / referenceCount) / reference : 0;
    }

    /**
     * Adds the pending samples to the reference: the mean of all samples since the restart for the
     * first {@code referenceSamples}, then an exponential average of that memory. A block of c
     * samples with mean x moves the average as c samples equal to x would (exact for one sample).
     */
    private void foldPending() {
        double mean = pendingSum / pendingCount;
        long c = pendingCount;
        pendingSum = 0;
        pendingCount = 0;
        long memory = settings.referenceSamples();
        long cumulative = Math.max(0, Math.min(c, memory - referenceCount));
        if (cumulative > 0) {
            reference += (mean - reference) * cumulative / (referenceCount + cumulative);
            referenceCount += cumulative;
        }
        long rest = c - cumulative;
        if (rest > 0) {
            reference += (mean - reference) * -Math.expm1(rest * Math.log1p(-1.0 / memory));
            referenceCount += rest;
        }
    }

    /**
     * Takes back the latest detection (a false alarm): the CUSUM restarts at 0, armed, with the reference level
     * and count it had before that detection (the caller kept them: {@link #referenceLevel},
     * {@link #referenceCount}); what it learned since is dropped, having been learned from a trainer stepping at
     * its opened rate. The detection stays counted.
     *
     * @param referenceLevelBefore the reference level just before the detection, label unit squared, finite, &ge; 0
     * @param referenceCountBefore its sample count then, &ge; {@link #MIN_REFERENCE_SAMPLES} (it was armed)
     */
    public void takeBack(double referenceLevelBefore, long referenceCountBefore) {
        if (detections == 0) {
            throw new IllegalStateException("change detector: no detection to take back");
        }
        if (!(referenceLevelBefore >= 0) || Double.isInfinite(referenceLevelBefore)
                || referenceCountBefore < MIN_REFERENCE_SAMPLES) {
            throw new IllegalArgumentException("change detector: reference " + referenceLevelBefore + " of "
                    + referenceCountBefore + " samples is not one it was armed with");
        }
        reference = referenceLevelBefore;
        referenceCount = referenceCountBefore;
        referenceSecondMoment = 0; // used only while not armed
        armed = true;
        statistic = 0;
        samplesSinceZero = 0;
        pendingSum = 0;
        pendingCount = 0;
    }

    /** @return samples in the reference level since the start or the latest detection (count) */
    public long referenceCount() {
        return referenceCount;
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
