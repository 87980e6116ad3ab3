package io.onorbit.flight.learning;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The second test of a two-layer change detector: confirms a {@link ChangeDetector} detection or takes it
 * back (hierarchical change-detection tests: Alippi, Boracchi and Roveri 2017, "Hierarchical change-detection
 * tests", IEEE Transactions on Neural Networks and Learning Systems 28(2), a sequential detection layer
 * followed by a validation layer that rejects its false alarms; for concept drift, Yu, Abraham, Wang, Shah and
 * Principe 2019, "Concept drift detection and adaptation with hierarchical hypothesis testing", Journal of the
 * Franklin Institute 356(5)).
 *
 * <p>After a detection the trainer scores the model as it was when the CUSUM statistic last left 0 (the CUSUM's
 * estimate of the change's start, Page 1954: before the samples that made the excursion were trained on) on the
 * next M samples ({@link ChangeDetectorSettings#confirmSamples}); each squared error is divided by the reference
 * level m0 the detector held before the detection and capped as the CUSUM caps it ({@link ChangeDetector#CLIP}).
 * With R the mean of these M ratios, the detection is
 * <pre>
 *   confirmed   if R &gt; 1 + k,     taken back otherwise,
 * </pre>
 * k the CUSUM's allowance: the midpoint between the in-control mean 1 and the mean 1 + 2k the CUSUM is tuned
 * for (Page 1954), so that both errors of the fixed-sample test are equally likely at that rise. Why that
 * model and not the trainer's own errors: after a detection the trainer steps at its opened rate, whose jitter
 * raises its error on any stream, and on a real change its error falls as it relearns; neither tells a false
 * alarm. The model of before the excursion is fixed on the old concept: after a real change its error stays
 * raised for the whole window, after a false alarm it is back at m0. Not the model at the detection: the
 * excursion's samples were trained on (a burst of wrong labels moved it), so it errs after a false alarm too.
 *
 * <p>It also keeps the detector's reference level and count of before the detection, for
 * {@link ChangeDetector#takeBack}. State: three doubles, a long, an int and a flag. Not thread-safe.
 */
public final class ChangeConfirmation {

    /** Bytes of state the confirmation holds (three doubles, a long, an int and a flag, rounded up to 8 B). */
    public static final long STATE_BYTES = 5 * 8L;

    /** What the test says after a sample. */
    public enum Verdict {
        /** No test running, or fewer than M samples scored. */
        PENDING,
        /** The model of before the excursion erred above (1 + k) m0 on average: a change. */
        CONFIRMED,
        /** It did not: a false alarm. */
        TAKEN_BACK
    }

    private final int samples;
    private final double allowance;
    private boolean running;
    /** m0: the detector's reference level before the detection, label unit squared. */
    private double referenceBefore;
    /** The sample count of that reference level. */
    private long referenceCountBefore;
    private int seen;
    private double ratioSum;

    /**
     * @param samples   M, samples scored per detection, &ge; 1
     * @param allowance k, as the CUSUM's ({@link ChangeDetectorSettings#allowance}), &gt; 0
     */
    public ChangeConfirmation(int samples, double allowance) {
        if (samples < 1) {
            throw new IllegalArgumentException("change confirmation: samples " + samples + " must be >= 1");
        }
        if (!(allowance > 0) || Double.isInfinite(allowance)) {
            throw new IllegalArgumentException("change confirmation: allowance " + allowance + " must be finite and > 0");
        }
        this.samples = samples;
        this.allowance = allowance;
    }

    /** @param settings the detector's settings: M = {@code confirmSamples} (&ge; 1), k = {@code allowance} */
    public ChangeConfirmation(ChangeDetectorSettings settings) {
        this(Objects.requireNonNull(settings, "settings").confirmSamples(), settings.allowance());
    }

    /**
     * Starts a test (a new detection replaces a running one).
     *
     * @param referenceLevelBefore m0, the reference level before the detection, label unit squared, &ge; 0
     * @param referenceCountBefore its sample count (count), kept for {@link ChangeDetector#takeBack}
     */
    public void start(double referenceLevelBefore, long referenceCountBefore) {
        if (!(referenceLevelBefore >= 0) || Double.isInfinite(referenceLevelBefore)) {
            throw new IllegalArgumentException("change confirmation: reference level " + referenceLevelBefore
                    + " must be finite and >= 0");
        }
        running = true;
        referenceBefore = referenceLevelBefore;
        this.referenceCountBefore = referenceCountBefore;
        seen = 0;
        ratioSum = 0;
    }

    /** @return m0, the detector's reference level before the detection under test, label unit squared */
    public double referenceLevelBefore() {
        return referenceBefore;
    }

    /** @return the sample count of {@link #referenceLevelBefore} */
    public long referenceCountBefore() {
        return referenceCountBefore;
    }

    /** @return whether a test is running (started and not yet decided) */
    public boolean running() {
        return running;
    }

    /**
     * Adds the squared error of the model of before the excursion on one sample after the detection.
     *
     * @param squaredError label unit squared, finite and &ge; 0
     * @return the verdict after this sample: {@link Verdict#PENDING} until the M-th sample, which decides and ends the test
     */
    public Verdict observe(double squaredError) {
        if (!(squaredError >= 0) || Double.isInfinite(squaredError)) {
            throw new IllegalArgumentException("change confirmation: squared error " + squaredError
                    + " must be finite and >= 0");
        }
        if (!running) {
            return Verdict.PENDING;
        }
        ratioSum += ChangeDetector.cappedRatio(squaredError, referenceBefore); // as the CUSUM's increments
        seen++;
        if (seen < samples) {
            return Verdict.PENDING;
        }
        running = false;
        return ratioSum / samples > 1 + allowance ? Verdict.CONFIRMED : Verdict.TAKEN_BACK;
    }

    /** Bytes {@link #save} writes: a flag, two doubles, a long and an int. */
    static final int SAVED_BYTES = 1 + 2 * 8 + 8 + 4;

    /** Writes the test in progress, if any (a checkpoint). */
    void save(ByteBuffer out) {
        out.put((byte) (running ? 1 : 0)).putDouble(referenceBefore).putDouble(ratioSum).putLong(referenceCountBefore)
                .putInt(seen);
    }

    /** Reads what {@link #save} wrote. */
    void resume(ByteBuffer in) {
        running = in.get() != 0;
        referenceBefore = in.getDouble();
        ratioSum = in.getDouble();
        referenceCountBefore = in.getLong();
        seen = in.getInt();
    }
}
