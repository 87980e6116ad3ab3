package io.onorbit.flight.learning;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.memory.MemoryCategory;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.model.TrainableSubset;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the {@link OnboardTrainer} does about a concept change: it watches the prequential error with a
 * {@link ChangeDetector} and, on a detection, opens the step, trims the replay buffer, rebuilds the output
 * layer's faded sums, makes catch-up passes and, with a {@link ChangeConfirmation}, takes a false alarm back.
 *
 * <p><b>Detection.</b> Each sample's squared error (made before training on it, by the model the trainer
 * serves) feeds the CUSUM ({@link #observe}). With a confirmation, the trainable weights are kept whenever the
 * statistic leaves 0 (the CUSUM's estimate of the change's start, Page 1954), before the trainer trains on the
 * excursion's first sample.
 *
 * <p><b>Response to a detection.</b> The replay buffer keeps only the samples since that estimate (the older ones
 * belong to the old concept and would pull each update back towards it); the output layer's faded normal
 * equations, if kept, are emptied and rebuilt from those samples once this sample is in the buffer (covariance
 * resetting, Goodwin and Sin 1984: rebuilt rather than left empty, since the empty sums left two of SEA's tuning
 * drifts unrecovered in 20 days, BENCHMARKS.md "The output layer by recursive least squares"); the step opens to
 * its largest rate eta_max and anneals as eta_max tau / (tau + u) at the u-th regular update since the detection,
 * never below the rule's own rate ({@link #openedStepSize}; search then converge, Darken and Moody 1992;
 * tau = {@link ChangeDetectorSettings#openStepUpdates}); while fewer than tau regular updates have passed,
 * {@link ChangeDetectorSettings#catchUpPasses} extra updates on replay draws follow each regular one (experience
 * replay, Lin 1992), but only while the features look serially independent ({@link SerialCorrelation#looksWhite}):
 * correlated features mean the buffer holds one stretch of an orbit-driven stream, which repeated passes would
 * fit.
 *
 * <p><b>Confirmation and take-back.</b> With {@link ChangeDetectorSettings#confirms}, the weights kept at the
 * excursion's start are scored on the next M samples after the detection (swapped into the model around one
 * forward pass, so the model is restored bit for bit); if {@link ChangeConfirmation} finds no change, the
 * catch-up passes stop and the detector resumes, armed, with its reference of before the false alarm, so that a
 * real change soon after is detected at once. The opened step anneals on as after any detection (and the iterate
 * average served while it is above the floor): a take-back says the weights of before the excursion would not
 * err much more, not that the learner's own error did not rise, and closing the step there cost 0.2-2.3 % of the
 * mean 20-day error of each task (most on a run whose inputs move with the season: 1.9 % on the solar array on a
 * 780 km, 86.4 deg orbit in March), BENCHMARKS.md "A take-back leaves the step open".
 *
 * <p>Assumptions and limits: one model and one subset, shared with the trainer, which alone writes the model
 * between calls. A take-back restores neither the replay samples dropped at the detection nor the faded sums
 * rebuilt then (nor the iterate average the trainer restarted): the buffer refills with new samples. A diverged
 * model's non-finite error is no measurement: neither the detector nor the confirmation sees it.
 *
 * <p>Inputs: per sample the features and the served model's error ({@link #observe}), then, after the trainer
 * used the sample's forward pass, the features and label again ({@link #afterTraining}); the trainer's count of
 * updates posed so far. Outputs: whether the sample completed a detection, the step size to use
 * ({@link #openedStepSize}), the catch-up passes due ({@link #catchUpPassesDue}), detections and take-backs.
 * Memory: the detector's state and the features' correlation moments are allocated by the caller (it orders the
 * trainer's blocks); the confirmation's state and one float per trainable weight here, through the trainer's
 * accountant. Not thread-safe.
 */
final class ChangeResponse {

    private final ChangeDetectorSettings settings;
    private final ChangeDetector detector;
    /** With catch-up passes: the features' serial correlation, which gates them. */
    private final Optional<SerialCorrelation> inputCorrelation;
    /** With {@link ChangeDetectorSettings#confirms}: the test that confirms or takes back each detection. */
    private final Optional<ChangeConfirmation> confirmation;
    /**
     * With a confirmation: the trainable weights when the CUSUM statistic last left 0, swapped in and out of the
     * model around one forward pass per scored sample (empty without a confirmation).
     */
    private final float[] changePointWeights;
    private final DenseNetwork model;
    private final TrainableSubset subset;
    private final ReplayBuffer replay;
    /** The output layer's faded sums, rebuilt after a detection ({@link LearningSettings#outputRls}); else empty. */
    private final Optional<FadedNormalEquations> fadedFit;
    /** The trainer's replay draw buffer (features), borrowed for the rebuild. */
    private final float[] replayX;
    private long changesTakenBack;
    /** Updates posed at the latest detection, from which the opened step anneals (empty before any). */
    private OptionalLong changeUpdate = OptionalLong.empty();
    /** Catch-up updates posed since the latest detection (not counted in the step's annealing). */
    private long catchUpAttempts;
    /** The latest detection was taken back: no more catch-up passes until the next one. */
    private boolean catchUpEnded;
    /** A detection emptied the faded sums: rebuild them once this step's sample is in the replay buffer. */
    private boolean rebuildFit;

    /**
     * @param detector         the CUSUM (its settings are the response's), allocated by the caller
     * @param inputCorrelation the features' correlation, present iff {@link ChangeDetectorSettings#catchUpPasses} &gt; 0
     * @param model            the trained model
     * @param subset           its trainable parameters
     * @param replay           the trainer's replay buffer
     * @param fadedFit         the output layer's faded sums to rebuild after a detection, if kept
     * @param replayX          a features-long array the rebuild may overwrite
     * @param memory           where the confirmation's state is allocated
     */
    ChangeResponse(ChangeDetector detector, Optional<SerialCorrelation> inputCorrelation, DenseNetwork model,
                   TrainableSubset subset, ReplayBuffer replay, Optional<FadedNormalEquations> fadedFit, float[] replayX,
                   MemoryAccountant memory) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.settings = detector.settings();
        this.inputCorrelation = Objects.requireNonNull(inputCorrelation, "inputCorrelation");
        if (inputCorrelation.isPresent() != settings.catchUpPasses() > 0) {
            throw new IllegalArgumentException("change response: the features' correlation is needed with catch-up"
                    + " passes and only then (" + settings.catchUpPasses() + " passes)");
        }
        this.model = Objects.requireNonNull(model, "model");
        this.subset = Objects.requireNonNull(subset, "subset");
        this.replay = Objects.requireNonNull(replay, "replay");
        this.fadedFit = Objects.requireNonNull(fadedFit, "fadedFit");
        if (replayX.length != model.inputSize()) {
            throw new IllegalArgumentException("change response: draw buffer of " + replayX.length + " features, the"
                    + " model has " + model.inputSize());
        }
        this.replayX = replayX;
        this.confirmation = settings.confirms() ? Optional.of(new ChangeConfirmation(settings)) : Optional.empty();
        if (confirmation.isPresent()) {
            memory.reserve("change confirmation state", MemoryCategory.OPTIMIZER_STATE, ChangeConfirmation.STATE_BYTES);
        }
        this.changePointWeights = memory.floats("weights when the CUSUM last left 0 (confirmation)",
                MemoryCategory.OPTIMIZER_STATE, confirmation.isPresent() ? subset.size() : 0);
    }

    /**
     * Before the trainer trains on a sample: the features' correlation sees it, and its error feeds the detector.
     * On a detection the response starts: replay trimmed, step opened, sums marked for the rebuild, the
     * confirmation started.
     *
     * @param x              the sample's features
     * @param error          the served model's prediction minus the label (not finite: not a measurement)
     * @param updateAttempts updates the trainer has posed so far (count)
     * @return whether this sample completed a detection
     */
    boolean observe(float[] x, double error, long updateAttempts) {
        if (inputCorrelation.isPresent()) { // per sample: no capturing lambda on this path
            inputCorrelation.get().observe(x);
        }
        if (!Double.isFinite(error)) {
            return false;
        }
        double referenceBefore = detector.referenceLevel();
        long countBefore = detector.referenceCount();
        boolean fromZero = detector.statistic() == 0;
        boolean detected = detector.observe(error * error);
        if (confirmation.isPresent() && fromZero && (detected || detector.statistic() > 0)) {
            keepChangePointWeights(); // an excursion starts: the model has not trained on its samples
        }
        if (detected) {
            changeUpdate = OptionalLong.of(updateAttempts);
            long age = detector.lastChangeAgeSamples().orElseThrow();
            replay.keepNewest((int) Math.min(Integer.MAX_VALUE, age));
            catchUpAttempts = 0;
            catchUpEnded = false;
            rebuildFit = fadedFit.isPresent();
            confirmation.ifPresent(c -> c.start(referenceBefore, countBefore));
        }
        return detected;
    }

    /**
     * After the trainer took the sample's gradient (or sums) and put it in the replay buffer: on the sample of a
     * detection the faded sums are rebuilt; on a later one a running confirmation scores it.
     *
     * @param detected whether {@link #observe} found a detection on this sample
     */
    void afterTraining(float[] x, float y, boolean detected) {
        if (!detected && confirmation.isPresent() && confirmation.get().running()) {
            confirm(x, y);
        }
        if (rebuildFit) {
            rebuildFit();
        }
    }

    /**
     * The faded sums forget the old concept and are rebuilt from the samples the replay buffer kept (those since
     * the CUSUM's estimate of the change, this step's included), oldest first, at the current hidden weights. The
     * price: the estimate may reach a few samples into the old concept, which then weigh in the sums for about
     * their memory.
     */
    private void rebuildFit() {
        rebuildFit = false;
        FadedNormalEquations fit = fadedFit.orElseThrow();
        fit.reset();
        for (int i = 0; i < replay.size(); i++) {
            float ry = replay.held(i, replayX);
            model.predict(replayX);
            fit.add(model, ry);
        }
    }

    /** Keeps the trainable weights as they are now, at the start of a CUSUM excursion. */
    private void keepChangePointWeights() {
        subset.read(model, changePointWeights);
    }

    /** Scores the weights of the excursion's start on this sample; a take-back ends the catch-up passes. */
    private void confirm(float[] x, float y) {
        double e = (double) subset.predictWith(model, changePointWeights, x) - y;
        ChangeConfirmation c = confirmation.get();
        if (Double.isFinite(e) && c.observe(e * e) == ChangeConfirmation.Verdict.TAKEN_BACK) {
            changesTakenBack++;
            catchUpEnded = true;
            detector.takeBack(c.referenceLevelBefore(), c.referenceCountBefore());
        }
    }

    /** @return whether a detection has opened the step (it anneals to the rule's own rate; a take-back leaves it) */
    boolean stepOpen() {
        return changeUpdate.isPresent();
    }

    /**
     * @param ruleRate       the step rule's own rate for this update
     * @param largestRate    eta_max, the rate the step opens to
     * @param updateAttempts updates posed so far, this one not counted
     * @return {@code ruleRate}, or while the step is open max(ruleRate, eta_max tau / (tau + u)), u the regular
     *         updates posed since the detection
     */
    double openedStepSize(double ruleRate, double largestRate, long updateAttempts) {
        return changeUpdate.isEmpty() ? ruleRate : Math.max(ruleRate, openedRate(largestRate, updateAttempts));
    }

    /** @return eta_max tau / (tau + u), u the regular updates posed since the latest detection */
    private double openedRate(double largestRate, long updateAttempts) {
        double tau = settings.openStepUpdates();
        return largestRate * tau / (tau + regularUpdatesSince(updateAttempts));
    }

    /**
     * @param floorRate      the step rule's smallest rate
     * @param largestRate    eta_max, the rate the step opens to
     * @param updateAttempts updates posed so far
     * @return whether a detection opened the step and its opened rate eta_max tau / (tau + u) is still above
     *         {@code floorRate} (u the regular updates posed since it)
     */
    boolean openedAbove(double floorRate, double largestRate, long updateAttempts) {
        return changeUpdate.isPresent() && openedRate(largestRate, updateAttempts) > floorRate;
    }

    /**
     * @param updateAttempts updates posed so far, the regular update just made counted
     * @return the catch-up passes to make now: {@link ChangeDetectorSettings#catchUpPasses} while the step is open,
     *         the detection was not taken back, the regular update just made was among the first tau + 1 since it
     *         and the features look white; else 0. A pass and its {@link #catchUpPosed} leave the regular count
     *         unchanged, so the answer holds for every pass of the batch.
     */
    int catchUpPassesDue(long updateAttempts) {
        if (changeUpdate.isEmpty() || catchUpEnded
                || !inputCorrelation.map(SerialCorrelation::looksWhite).orElse(false)) {
            return 0;
        }
        // the regular update just made is counted: it was the u-th (from 0) with u = count - 1 < tau
        return regularUpdatesSince(updateAttempts) <= settings.openStepUpdates() ? settings.catchUpPasses() : 0;
    }

    /** Counts a catch-up update posed (it does not advance the step's annealing). */
    void catchUpPosed() {
        catchUpAttempts++;
    }

    /** @return regular (not catch-up) updates posed since the latest detection */
    private long regularUpdatesSince(long updateAttempts) {
        return updateAttempts - changeUpdate.getAsLong() - catchUpAttempts;
    }

    /** @return concept changes the detector has found (count) */
    long changesDetected() {
        return detector.detections();
    }

    /** @return detections the confirmation took back as false alarms (count; 0 without a confirmation) */
    long changesTakenBack() {
        return changesTakenBack;
    }

    /**
     * @return bytes {@link #save} writes: the take-backs, the latest detection (a flag and the regular updates since
     *         it), the catch-up count, the flags (rebuild due, catch-up ended), the change point's weights, then the
     *         detector's, the confirmation's and the features' correlation's states
     */
    int savedBytes() {
        return 8 + 1 + 8 + 8 + 1 + 4 * changePointWeights.length + ChangeDetector.SAVED_BYTES
                + (confirmation.isPresent() ? ChangeConfirmation.SAVED_BYTES : 0)
                + inputCorrelation.map(SerialCorrelation::savedBytes).orElse(0);
    }

    /**
     * Writes the response's state (a checkpoint). The latest detection is kept as the regular updates since it, so
     * that the opened step anneals on from where it was whatever the resumed trainer's own count.
     *
     * @param updateAttempts the trainer's updates posed so far
     */
    void save(ByteBuffer out, long updateAttempts) {
        out.putLong(changesTakenBack);
        out.put((byte) (changeUpdate.isPresent() ? 1 : 0));
        out.putLong(changeUpdate.isPresent() ? regularUpdatesSince(updateAttempts) : 0);
        out.putLong(catchUpAttempts);
        out.put((byte) ((rebuildFit ? 1 : 0) | (catchUpEnded ? 2 : 0)));
        SavedArrays.put(out, changePointWeights);
        detector.save(out);
        confirmation.ifPresent(c -> c.save(out));
        inputCorrelation.ifPresent(c -> c.save(out));
    }

    /**
     * Reads what {@link #save} wrote.
     *
     * @param updateAttempts the resumed trainer's updates posed so far
     */
    void resume(ByteBuffer in, long updateAttempts) {
        changesTakenBack = in.getLong();
        boolean standing = in.get() != 0;
        long regularSince = in.getLong();
        catchUpAttempts = in.getLong();
        changeUpdate = standing ? OptionalLong.of(updateAttempts - regularSince - catchUpAttempts) : OptionalLong.empty();
        byte flags = in.get();
        rebuildFit = (flags & 1) != 0;
        catchUpEnded = (flags & 2) != 0;
        SavedArrays.get(in, changePointWeights);
        detector.resume(in);
        confirmation.ifPresent(c -> c.resume(in));
        inputCorrelation.ifPresent(c -> c.resume(in));
    }
}
