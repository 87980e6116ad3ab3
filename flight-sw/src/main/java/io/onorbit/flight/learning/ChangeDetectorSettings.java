package io.onorbit.flight.learning;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Settings of the onboard concept-change detector ({@link ChangeDetector}): a one-sided CUSUM
 * (Page 1954) on the trainer's prequential squared error relative to its own reference level, and
 * how far the trainer opens its step when the detector fires.
 *
 * @param allowance        CUSUM reference value k, as a fraction of the reference level: each
 *                         sample adds (its squared error / the reference level) - (1 + k), so only
 *                         a mean rise above (1 + k) times the reference accumulates; half the
 *                         relative rise the detector is tuned for (Page 1954), &gt; 0
 * @param threshold        CUSUM decision interval h, in reference levels, &gt; 0: a detection when the
 *                         accumulated excess reaches it; larger = fewer false alarms, later detections
 * @param referenceSamples memory of the reference level, samples, &ge; 2: the mean of the squared
 *                         errors since the last detection for the first this many samples, then an
 *                         exponential average with weight 1 / this
 * @param openStepUpdates  updates tau after a detection at which the opened step has fallen to half
 *                         of the largest rate: the step is at least rate x tau / (tau + u) at the
 *                         u-th update after it (search then converge, Darken and Moody 1992), &gt; 0
 * @param catchUpPasses    extra replay-only updates after each regular update while the opened step
 *                         is above half its largest rate (fewer than {@code openStepUpdates} regular
 *                         updates since the detection), 0-16: each re-draws the replay buffer, which
 *                         then holds only samples since the change (experience replay, Lin 1992;
 *                         several optimisation passes per new batch, the replay ratio of Fedus et
 *                         al. 2020), and each is solved and charged like a regular update; only
 *                         while the features look serially independent ({@link SerialCorrelation}:
 *                         orbit-correlated telemetry would be overfitted)
 * @param confirmSamples   samples after a detection on which it is confirmed or taken back
 *                         ({@link ChangeConfirmation}), 0 (off) or 16-100,000: the model as it was when the
 *                         CUSUM last left 0 is scored on them, and unless its error rose above (1 + allowance) times the
 *                         reference level of before the detection, the detection is taken back: the catch-up
 *                         passes stop and the detector resumes with its old reference (the opened step anneals on)
 * @param inControlRunSamples when present, the in-control average run length ARL0 the CUSUM is
 *                         designed for, samples, in [100, 1e9]: the mean number of samples from the
 *                         moment the CUSUM arms on a stationary stream to its first (false) alarm.
 *                         The decision interval is then derived at each arming from the reference
 *                         phase's own measured spread and skew of the errors
 *                         ({@link ChangeDetector#thresholdForRunLength}), so the false-alarm rate is
 *                         the same on every task, and {@code threshold} is not used; empty: the fixed
 *                         {@code threshold}
 */
public record ChangeDetectorSettings(double allowance, double threshold, int referenceSamples, double openStepUpdates,
                                     int catchUpPasses, int confirmSamples, OptionalDouble inControlRunSamples) {

    /** Shortest {@link #inControlRunSamples}, samples. */
    public static final double MIN_IN_CONTROL_RUN_SAMPLES = 100;

    /** Longest {@link #inControlRunSamples}, samples. */
    public static final double MAX_IN_CONTROL_RUN_SAMPLES = 1e9;

    /** A CUSUM with the fixed decision interval {@code threshold}. */
    public ChangeDetectorSettings(double allowance, double threshold, int referenceSamples, double openStepUpdates,
                                  int catchUpPasses, int confirmSamples) {
        this(allowance, threshold, referenceSamples, openStepUpdates, catchUpPasses, confirmSamples, OptionalDouble.empty());
    }

    public ChangeDetectorSettings {
        if (!(allowance > 0 && allowance <= 100)) {
            throw new IllegalArgumentException("learning: change detector allowance " + allowance + " must be in (0, 100]");
        }
        if (!(threshold > 0 && threshold <= 1e6)) {
            throw new IllegalArgumentException("learning: change detector threshold " + threshold + " must be in (0, 1e6]");
        }
        if (referenceSamples < 2 || referenceSamples > 100_000_000) {
            throw new IllegalArgumentException("learning: change detector referenceSamples " + referenceSamples
                    + " must be in [2, 100000000]");
        }
        if (!(openStepUpdates > 0 && openStepUpdates <= 1e9)) {
            throw new IllegalArgumentException("learning: change detector openStepUpdates " + openStepUpdates
                    + " must be in (0, 1e9]");
        }
        if (catchUpPasses < 0 || catchUpPasses > MAX_CATCH_UP_PASSES) {
            throw new IllegalArgumentException("learning: change detector catchUpPasses " + catchUpPasses
                    + " must be in [0, " + MAX_CATCH_UP_PASSES + "]");
        }
        if (confirmSamples != 0 && (confirmSamples < MIN_CONFIRM_SAMPLES || confirmSamples > MAX_CONFIRM_SAMPLES)) {
            throw new IllegalArgumentException("learning: change detector confirmSamples " + confirmSamples
                    + " must be 0 or in [" + MIN_CONFIRM_SAMPLES + ", " + MAX_CONFIRM_SAMPLES + "]");
        }
        Objects.requireNonNull(inControlRunSamples, "inControlRunSamples");
        if (inControlRunSamples.isPresent() && !(inControlRunSamples.getAsDouble() >= MIN_IN_CONTROL_RUN_SAMPLES
                && inControlRunSamples.getAsDouble() <= MAX_IN_CONTROL_RUN_SAMPLES)) {
            throw new IllegalArgumentException("learning: change detector inControlRunSamples "
                    + inControlRunSamples.getAsDouble() + " must be in [100, 1e9]");
        }
    }

    /** Fewest {@link #confirmSamples} (but 0): fewer make the confirmation's mean a coin toss on a classifier's errors. */
    public static final int MIN_CONFIRM_SAMPLES = 16;

    /** Most {@link #confirmSamples}: the pre-detection weights are scored on each, one forward pass per sample. */
    public static final int MAX_CONFIRM_SAMPLES = 100_000;

    /** @return whether detections are confirmed or taken back ({@link #confirmSamples} &gt; 0) */
    public boolean confirms() {
        return confirmSamples > 0;
    }

    /** Largest {@link #catchUpPasses}: each pass costs a full update's solve and energy. */
    public static final int MAX_CATCH_UP_PASSES = 16;

    /**
     * @return allowance 0.25 (tuned for a rise of the mean squared error by half: SEA's
     *         concept changes with 10 % label noise raise it by roughly 40-100 %), threshold 50 reference
     *         levels, a reference of 1,440 samples (a day of the 60 s stream), the step at half
     *         its largest rate 800 updates after a detection (53 h of the 60 s stream in batches of
     *         4: SEA's second drift on the SSO took 23.9 h to recover at 200 updates, 31.6 h at 50,
     *         21.7 h at 800 and at 2,000), 2 catch-up passes and each detection confirmed or taken
     *         back on the next 360 samples. The passes alone fixed the streams they were tuned on
     *         but not others: a false alarm's passes kept a real change soon after it from being
     *         detected (BENCHMARKS.md, "The learner after a detection, by default"); with the
     *         confirmation, which takes a false alarm back and stops its passes, they missed the day
     *         on 8 of 129 abrupt SEA drifts against main's 25, on a tuning grid and two grids of seeds
     *         and orbits not used to choose them (BENCHMARKS.md, "The default learner of session 10:
     *         catch-up passes with confirmation"). Measured against allowance 0.5, thresholds 30 and
     *         100 ("Drift recovery: a change detector opens the step") and 50-2,000 updates ("Drift
     *         recovery margins")
     */
    public static ChangeDetectorSettings defaults() {
        return new ChangeDetectorSettings(0.25, 50, 1440, 800, 2, 360);
    }

    /** @return a copy with decision interval {@code v} (reference levels) */
    public ChangeDetectorSettings withThreshold(double v) {
        return new ChangeDetectorSettings(allowance, v, referenceSamples, openStepUpdates, catchUpPasses, confirmSamples,
                inControlRunSamples);
    }

    /** @return a copy whose decision interval is derived for the in-control average run length {@code v} (samples; empty: the fixed threshold) */
    public ChangeDetectorSettings withInControlRunSamples(OptionalDouble v) {
        return new ChangeDetectorSettings(allowance, threshold, referenceSamples, openStepUpdates, catchUpPasses,
                confirmSamples, v);
    }
}
