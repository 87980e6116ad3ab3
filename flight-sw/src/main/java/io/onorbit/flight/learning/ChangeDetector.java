package io.onorbit.flight.learning;

import java.nio.ByteBuffer;
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
 * <p>The decision interval h is either fixed ({@link ChangeDetectorSettings#threshold}) or derived
 * for a target in-control average run length ARL0 ({@link ChangeDetectorSettings#inControlRunSamples})
 * each time the CUSUM arms, from the reference phase's own moments of the increments
 * ({@link #thresholdForRunLength}). A fixed h means very different false-alarm rates on different
 * tasks: the increments' mean is -k on every task, but their variance is 2 for squared Gaussian
 * errors (chi-square(1)) and about 9 for a classifier's 0/1 errors at a 10 % error rate, and the
 * in-control run length grows like exp(2 k h / variance) (Siegmund 1985): h = 50 at k = 0.25 is an
 * ARL0 of millions of samples on the first and under a thousand on the second.
 *
 * <p>A detection can be taken back ({@link #takeBack}, after {@link ChangeConfirmation} found no change): the
 * detector then resumes, armed, with the reference it held before the detection, so a change soon after a
 * false alarm is judged against the level of the learner before it, not one learned while the trainer's step
 * was open.
 *
 * <p>State: five doubles, four longs and a flag (the trainer reserves {@link #stateBytes}), two
 * doubles more with a target run length. Not thread-safe.
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

    /** Bytes of state the detector holds with a fixed threshold (five doubles, four longs and a flag, rounded up to 8 B). */
    public static final long STATE_BYTES = 10 * 8L;

    /**
     * Siegmund's correction for the overshoot of a discrete random walk over each boundary, in
     * standard deviations of an increment: rho = -zeta(1/2) / sqrt(2 pi) = 0.5826 (Siegmund 1985,
     * Sequential Analysis, ch. X; exact for Gaussian increments as the steps shrink). The CUSUM's
     * two boundaries (0 and h) add 2 rho = 1.166 standard deviations to h.
     */
    static final double SIEGMUND_OVERSHOOT_SD = 0.5826;

    /**
     * Largest variance of the capped ratio min(x / m, CLIP) with mean 1: (CLIP - 1) x 1, the
     * Bhatia-Davis bound (2000, "A better bound on the variance", Am. Math. Monthly 107), attained by
     * the two-point distribution on {0, CLIP} (a classifier at a 1 / CLIP = 10 % error rate). The
     * CUSUM adds capped increments, so a larger sample variance (a reference phase that saw a
     * learner's transient errors: 56-82 on the solar-array task after a string failure, which made h
     * 540-710) overstates their spread.
     */
    static final double MAX_RATIO_VARIANCE = CLIP - 1;

    /** Third central moment of that two-point distribution, (CLIP - 1)(CLIP - 2): the cap's skew. */
    static final double MAX_RATIO_THIRD_MOMENT = (CLIP - 1) * (CLIP - 2);

    private final ChangeDetectorSettings settings;
    private double statistic;
    private double reference;
    private long referenceCount;
    /** Mean of the squared errors' squares since the restart, while the CUSUM is not yet armed (label unit^4). */
    private double referenceSecondMoment;
    /** Mean of the squared errors' cubes since the restart, while the CUSUM is not yet armed (label unit^6). */
    private double referenceThirdMoment;
    /** The decision interval h in force, reference levels: the fixed threshold, or derived at the latest arming. */
    private double decisionInterval;
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
        this.decisionInterval = settings.threshold();
    }

    /**
     * @param settings the detector's settings
     * @return bytes of state a detector with these settings holds: {@link #STATE_BYTES}, and two
     *         doubles more (the third moment and the derived decision interval) with a target run length
     */
    public static long stateBytes(ChangeDetectorSettings settings) {
        return STATE_BYTES + (settings.inControlRunSamples().isPresent() ? 2 * 8L : 0);
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
            double ratio = cappedRatio(squaredError, reference);
            statistic = Math.max(0.0, statistic + ratio - (1 + settings.allowance()));
            samplesSinceZero = statistic > 0 ? samplesSinceZero + 1 : 0;
            if (statistic >= decisionInterval) {
                detections++;
                lastChangeAgeSamples = samplesSinceZero;
                statistic = 0;
                samplesSinceZero = 0;
                referenceCount = 0;
                reference = 0;
                referenceSecondMoment = 0;
                referenceThirdMoment = 0;
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
            referenceThirdMoment += (squaredError * squaredError * squaredError - referenceThirdMoment) / referenceCount;
            armed = referenceCount >= MIN_REFERENCE_SAMPLES && (referenceCount >= settings.referenceSamples()
                    || relativeStandardError() <= settings.allowance() / 2);
            if (armed && settings.inControlRunSamples().isPresent()) {
                decisionInterval = derivedDecisionInterval(settings.inControlRunSamples().getAsDouble());
            }
        } else {
            pendingSum += squaredError;
            pendingCount++;
            if (statistic == 0) {
                foldPending();
            }
        }
        return detected;
    }

    /**
     * @param squaredError a squared error, label unit squared, &ge; 0
     * @param reference    a reference level, label unit squared, &ge; 0
     * @return the CUSUM's increment ratio x / m capped at {@link #CLIP} (an all-zero reference: any error is the cap)
     */
    static double cappedRatio(double squaredError, double reference) {
        return reference > 0 ? Math.min(squaredError / reference, CLIP) : (squaredError > 0 ? CLIP : 0.0);
    }

    /** @return the running mean's standard error over the mean, from the samples since the restart (0 if they are all 0) */
    private double relativeStandardError() {
        double variance = Math.max(0, referenceSecondMoment - reference * reference) * referenceCount / (referenceCount - 1);
        return reference > 0 ? Math.sqrt(variance / referenceCount) / reference : 0;
    }

    /**
     * The decision interval for the target run length from the samples since the restart: the
     * increments' variance and third central moment are those of x / m (unbiased sample moments),
     * at most those of the capped increments' extreme case ({@link #MAX_RATIO_VARIANCE}).
     */
    private double derivedDecisionInterval(double runSamples) {
        if (!(reference > 0)) {
            // every error since the restart was 0: the increments are constant and no h is too small
            return thresholdForRunLength(runSamples, settings.allowance(), 0, 0);
        }
        double n = referenceCount;
        double m = reference;
        double central2 = Math.max(0, referenceSecondMoment - m * m) * n / (n - 1);
        double central3 = (referenceThirdMoment - 3 * m * referenceSecondMoment + 2 * m * m * m) * n * n / ((n - 1) * (n - 2));
        return thresholdForRunLength(runSamples, settings.allowance(), Math.min(central2 / (m * m), MAX_RATIO_VARIANCE),
                Math.min(central3 / (m * m * m), MAX_RATIO_THIRD_MOMENT));
    }

    /**
     * The CUSUM decision interval h whose in-control average run length is {@code runSamples}, for
     * increments of mean -k, variance v and third central moment c3 (in reference levels). Siegmund's
     * (1985, Sequential Analysis, eq. 10.22) approximation for a CUSUM on a random walk with drift
     * -k, ARL0 = (exp(theta b) - 1 - theta b) / (theta k) with b = h + 2 rho sqrt(v)
     * ({@link #SIEGMUND_OVERSHOOT_SD}), has theta = 2 k / v for Gaussian increments; here theta is the
     * positive root of the increments' cumulant generating function to third order,
     * -k theta + v theta^2 / 2 + c3 theta^3 / 6 = 0, i.e. theta = 2 k / (v / 2 + sqrt(v^2 / 4 + 2 k c3 / 3)):
     * the adjustment coefficient that sets the exponential rate of the run length (Wald's identity;
     * Lundberg's inequality), which for a classifier's skewed 0/1 errors is well below the Gaussian
     * value (at a 10 % error rate and k = 0.25: 0.0491 against 0.0556; the exact root 0.0490). A
     * left-skewed increment (c3 &lt; 0) is taken as symmetric, which errs towards fewer alarms. h is at
     * least {@link #CLIP}, so that one sample alone never decides.
     *
     * @param runSamples target in-control average run length, samples, &gt; 0
     * @param allowance  k, reference levels, &gt; 0
     * @param variance   the increments' variance v, reference levels squared, &ge; 0 (0: constant errors)
     * @param thirdCentralMoment the increments' third central moment c3, reference levels cubed
     * @return h, reference levels, &ge; {@link #CLIP}
     */
    public static double thresholdForRunLength(double runSamples, double allowance, double variance,
                                               double thirdCentralMoment) {
        if (!(runSamples > 0) || !(allowance > 0) || !(variance >= 0) || Double.isNaN(thirdCentralMoment)) {
            throw new IllegalArgumentException("change detector: run length " + runSamples + ", allowance " + allowance
                    + ", variance " + variance + ", third moment " + thirdCentralMoment + " out of range");
        }
        if (variance == 0) {
            return CLIP;
        }
        double skew = Math.max(0, thirdCentralMoment);
        double theta = 2 * allowance / (variance / 2 + Math.sqrt(variance * variance / 4 + 2 * allowance * skew / 3));
        // e^y - 1 - y = c for y = theta b: Newton from y0 = sqrt(2c) + log(1 + c), which is above
        // the root (e^y - 1 - y >= y^2 / 2), so the iterates fall monotonically onto it (convex).
        double c = runSamples * theta * allowance;
        double y = Math.sqrt(2 * c) + Math.log1p(c);
        for (int i = 0; i < 200; i++) {
            double next = y - (Math.expm1(y) - y - c) / Math.expm1(y);
            if (!(next < y)) {
                break;
            }
            y = next;
        }
        double h = y / theta - 2 * SIEGMUND_OVERSHOOT_SD * Math.sqrt(variance);
        return Math.max(CLIP, h);
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

    /** @return whether the CUSUM runs (its reference has enough samples since the start or the last detection) */
    public boolean armed() {
        return armed;
    }

    /**
     * Takes back the latest detection (a false alarm): the CUSUM restarts at 0, armed, with the reference level
     * and count it had before that detection (the caller kept them: {@link #referenceLevel},
     * {@link #referenceCount}); what it learned since is dropped, having been learned from a trainer stepping at
     * its opened rate. The detection stays counted. A decision interval derived for a target run length stays
     * the latest arming's.
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
        referenceThirdMoment = 0;
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

    /**
     * @return the decision interval h in force, reference levels: the fixed threshold, or the one
     *         derived for the target run length at the latest arming (the fixed threshold before it)
     */
    public double decisionInterval() {
        return decisionInterval;
    }

    /** @return the reference level m (the squared error's recent mean), label unit squared */
    public double referenceLevel() {
        return reference;
    }

    public ChangeDetectorSettings settings() {
        return settings;
    }

    /** Bytes {@link #save} writes: six doubles, five longs and a flag. */
    static final int SAVED_BYTES = 6 * 8 + 5 * 8 + 1;

    /**
     * Writes the whole state (a checkpoint): without it a restarted detector re-learns its reference from the
     * errors right after the restart, and a standing excursion starts again from 0.
     */
    void save(ByteBuffer out) {
        out.putDouble(statistic).putDouble(reference).putDouble(referenceSecondMoment).putDouble(referenceThirdMoment)
                .putDouble(decisionInterval).putDouble(pendingSum);
        out.putLong(referenceCount).putLong(pendingCount).putLong(samplesSinceZero).putLong(detections)
                .putLong(lastChangeAgeSamples);
        out.put((byte) (armed ? 1 : 0));
    }

    /** Reads what {@link #save} wrote. */
    void resume(ByteBuffer in) {
        statistic = in.getDouble();
        reference = in.getDouble();
        referenceSecondMoment = in.getDouble();
        referenceThirdMoment = in.getDouble();
        decisionInterval = in.getDouble();
        pendingSum = in.getDouble();
        referenceCount = in.getLong();
        pendingCount = in.getLong();
        samplesSinceZero = in.getLong();
        detections = in.getLong();
        lastChangeAgeSamples = in.getLong();
        armed = in.get() != 0;
    }
}
