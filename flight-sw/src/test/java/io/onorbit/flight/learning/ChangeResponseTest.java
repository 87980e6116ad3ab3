package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.model.TrainableSubset;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The change response on its own, fed as the trainer feeds it (observe, the sample into the replay buffer, then
 * afterTraining), on errors whose CUSUM arithmetic is exact: 200 in-control errors of 0.1 (the reference level is
 * then exactly 0.01: every running-mean increment is 0), then errors of 1 (ratio 100, capped at CLIP = 10: each
 * adds 10 - (1 + k) = 8.5 at k = 0.5), so S = 8.5 j after j raised samples and the detection comes at the
 * ceil(50 / 8.5) = 6th (Page 1954). A linear model on 2 features is the model the confirmation scores.
 */
class ChangeResponseTest {

    private static final int D = 2;
    private static final double TAU = 30;
    private static final int PASSES = 2;
    private static final int M = 20;
    private static final int IN_CONTROL = 200;

    private final MemoryAccountant memory = MemoryAccountant.unbounded();
    private final DenseNetwork model = DenseNetwork.linear(D, 5, memory);
    private final TrainableSubset subset = TrainableSubset.of(TrainableSubset.Kind.FULL, 1.0, 6, model, memory);
    private final ReplayBuffer replay = new ReplayBuffer(64, D, 7, memory);
    private final SplittableRandom rng = new SplittableRandom(11);
    private final float[] x = new float[D];

    private ChangeResponse response(ChangeDetectorSettings settings, Optional<FadedNormalEquations> fit) {
        ChangeDetector detector = new ChangeDetector(settings);
        Optional<SerialCorrelation> correlation = settings.catchUpPasses() > 0
                ? Optional.of(new SerialCorrelation(D, settings.referenceSamples(), memory)) : Optional.empty();
        return new ChangeResponse(detector, correlation, model, subset, replay, fit, new float[D], memory);
    }

    private static ChangeDetectorSettings settings(int confirmSamples) {
        return new ChangeDetectorSettings(0.5, 50, 1440, TAU, PASSES, confirmSamples);
    }

    /** One sample as the trainer feeds it: @return whether it completed a detection. */
    private boolean feed(ChangeResponse r, double error, float y, long updateAttempts) {
        for (int i = 0; i < D; i++) {
            x[i] = (float) (2 * rng.nextDouble() - 1);
        }
        boolean detected = r.observe(x, error, updateAttempts);
        replay.add(x, y);
        r.afterTraining(x, y, detected);
        return detected;
    }

    /** @return the raised sample (from 1) that completed the detection */
    private int driveToDetection(ChangeResponse r, long updateAttempts) {
        for (int k = 0; k < IN_CONTROL; k++) {
            assertThat(feed(r, 0.1, 0f, updateAttempts)).as("in control").isFalse();
        }
        for (int j = 1; j <= 20; j++) {
            if (feed(r, 1.0, 0f, updateAttempts)) {
                return j;
            }
        }
        throw new AssertionError("no detection in 20 raised samples");
    }

    @Test
    void theDetectionComesAtTheSixthRaisedSampleAndTrimsTheReplayToTheExcursion() {
        ChangeResponse r = response(settings(0), Optional.empty());
        int delay = 0;
        for (int k = 0; k < IN_CONTROL; k++) {
            feed(r, 0.1, 0f, 0);
        }
        for (int j = 1; j <= 20 && delay == 0; j++) {
            for (int i = 0; i < D; i++) {
                x[i] = (float) (2 * rng.nextDouble() - 1);
            }
            if (r.observe(x, 1.0, 17)) {
                delay = j;
                // before this sample enters the buffer: the 6 newest held, the CUSUM's change age
                assertThat(replay.size()).as("replay after the detection").isEqualTo(6);
            }
            replay.add(x, 0f);
            r.afterTraining(x, 0f, delay > 0);
        }
        assertThat(delay).as("detection delay, ceil(50 / 8.5)").isEqualTo(6);
        assertThat(r.changesDetected()).isEqualTo(1);
        assertThat(r.stepOpen()).isTrue();
    }

    /**
     * The opened step: eta_max tau / (tau + u) at the u-th regular update after the detection (Darken and Moody
     * 1992), never below the rule's rate; catch-up passes are due while u &le; tau, and a pass (counted) does not
     * advance u.
     */
    @Test
    void theOpenedStepAnnealsAsTauOverTauPlusUAndTheCatchUpPassesStopAfterTau() {
        ChangeResponse r = response(settings(0), Optional.empty());
        long atDetection = 100;
        driveToDetection(r, atDetection);
        assertThat(r.openedStepSize(0.5, 1.9, atDetection)).as("u = 0").isEqualTo(1.9);
        assertThat(r.openedStepSize(0.5, 1.9, atDetection + 30)).as("u = tau").isCloseTo(0.95, within(1e-15));
        assertThat(r.openedStepSize(0.5, 1.9, atDetection + 1000)).as("the rule's own rate").isEqualTo(0.5);
        assertThat(r.openedStepSize(0.5, 1.9, atDetection + 60)).isCloseTo(1.9 * 30 / 90, within(1e-15));
        // the regular update just made is counted: passes while it was among the first tau + 1
        assertThat(r.catchUpPassesDue(atDetection + 1)).isEqualTo(PASSES);
        long attempts = atDetection + 1;
        for (int p = 0; p < PASSES; p++) {
            r.catchUpPosed();
            attempts++;
            assertThat(r.catchUpPassesDue(attempts)).as("after pass %d", p + 1).isEqualTo(PASSES);
            assertThat(r.openedStepSize(0.5, 1.9, attempts)).isCloseTo(1.9 * 30 / 31, within(1e-15));
        }
        assertThat(r.catchUpPassesDue(attempts + 29)).as("u = tau").isEqualTo(PASSES);
        assertThat(r.catchUpPassesDue(attempts + 30)).as("u = tau + 1").isZero();
    }

    @Test
    void noCatchUpPassesWithoutADetectionOrWithoutThem() {
        ChangeResponse r = response(settings(0), Optional.empty());
        for (int k = 0; k < IN_CONTROL; k++) {
            feed(r, 0.1, 0f, 0);
        }
        assertThat(r.stepOpen()).isFalse();
        assertThat(r.catchUpPassesDue(1)).isZero();
        assertThat(r.openedStepSize(0.7, 1.9, 1)).isEqualTo(0.7);
        ChangeResponse withoutPasses = response(new ChangeDetectorSettings(0.5, 50, 1440, TAU, 0, 0), Optional.empty());
        driveToDetection(withoutPasses, 0);
        assertThat(withoutPasses.catchUpPassesDue(1)).isZero();
    }

    /**
     * A false alarm: the weights kept when S left 0 are scored on the M samples after the detection while the
     * model has moved on (as training would move it). Labels put those weights' error at 0.1, the reference
     * level, so the mean ratio is exactly 1 &le; 1 + k: taken back at exactly the M-th sample; the detector then
     * holds bit for bit its reference of before the detection, S is 0, the catch-up passes due until then have
     * stopped while the opened step anneals on, and the model's weights are bit for bit the ones it had (the scored
     * weights were swapped in and out). The next detection opens the passes again.
     */
    @Test
    void aFalseAlarmIsTakenBackAtTheMthSampleRestoringTheReferenceAndTheModelBitForBit() throws Exception {
        ChangeResponse r = response(settings(M), Optional.empty());
        ChangeDetector detector = (ChangeDetector) OnboardTrainerTest.field(r, "detector");
        float[] kept = model.parameters(); // the weights when S leaves 0: the model is not trained here
        for (int k = 0; k < IN_CONTROL; k++) {
            feed(r, 0.1, 0f, 0);
        }
        double referenceBefore = detector.referenceLevel();
        assertThat(referenceBefore).isEqualTo(0.1 * 0.1);
        driveToDetection(r, 40);
        float[] moved = kept.clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] += 0.5f; // far from the kept weights: their own error would be large
        }
        for (int i = 0; i < moved.length; i++) {
            model.setParameter(i, moved[i]);
        }
        DenseNetwork keptModel = DenseNetwork.linear(D, 5, MemoryAccountant.unbounded());
        keptModel.setParameters(kept);
        for (int s = 1; s <= M; s++) {
            for (int i = 0; i < D; i++) {
                x[i] = (float) (2 * rng.nextDouble() - 1);
            }
            float y = (float) (keptModel.predict(x) - 0.1); // the kept weights err by 0.1 (up to float rounding)
            boolean detected = r.observe(x, 0.1, 41);
            replay.add(x, y);
            r.afterTraining(x, y, detected);
            if (s == M - 1) {
                assertThat(r.catchUpPassesDue(42)).as("passes due before the take-back").isEqualTo(PASSES);
            }
            assertThat(r.changesTakenBack()).as("taken back at sample %d", s).isEqualTo(s < M ? 0 : 1);
            assertThat(model.parameters()).as("the model after scoring sample %d", s).containsExactly(moved);
        }
        assertThat(detector.referenceLevel()).as("the reference of before the false alarm").isEqualTo(referenceBefore);
        assertThat(detector.statistic()).isZero();
        assertThat(detector.armed()).isTrue();
        assertThat(r.stepOpen()).isTrue();
        assertThat(r.catchUpPassesDue(42)).as("no pass after the take-back").isZero();
        ByteBuffer saved = ByteBuffer.allocate(r.savedBytes());
        r.save(saved, 42);
        ChangeResponse resumed = response(settings(M), Optional.empty());
        resumed.resume(saved.flip(), 42);
        assertThat(resumed.catchUpPassesDue(42)).as("a checkpoint keeps the take-back's end of the passes").isZero();
        assertThat(resumed.openedStepSize(0.5, 1.9, 42)).as("and the step annealing")
                .isEqualTo(r.openedStepSize(0.5, 1.9, 42));
        assertThat(r.openedStepSize(0.5, 1.9, 42)).as("u = 2: annealing on").isCloseTo(1.9 * 30 / 32, within(1e-15));
        assertThat(r.changesDetected()).as("the detection stays counted").isEqualTo(1);
        driveToDetection(r, 500);
        assertThat(r.changesDetected()).isEqualTo(2);
        assertThat(r.catchUpPassesDue(501)).as("the next detection's passes").isEqualTo(PASSES);
        assertThat(r.openedStepSize(0.5, 1.9, 500)).as("opened again at the next detection").isEqualTo(1.9);
    }

    /** A real change: the kept weights err by 1 on every scored sample (mean capped ratio 10 &gt; 1.5): confirmed. */
    @Test
    void aRealChangeIsConfirmedAndTheStepStaysOpen() {
        ChangeResponse r = response(settings(M), Optional.empty());
        driveToDetection(r, 40);
        for (int s = 1; s <= 3 * M; s++) {
            for (int i = 0; i < D; i++) {
                x[i] = (float) (2 * rng.nextDouble() - 1);
            }
            float y = model.predict(x) + 1f;
            boolean detected = r.observe(x, 0.1, 41);
            replay.add(x, y);
            r.afterTraining(x, y, detected);
        }
        assertThat(r.changesTakenBack()).isZero();
        assertThat(r.stepOpen()).isTrue();
    }

    /**
     * With faded sums (output RLS), a detection rebuilds them from the samples the trimmed buffer holds once the
     * detecting sample is in it: 7 (the 6 of the change age and that one), oldest first, so their summed weight is
     * sum_{j &lt; 7} lambda^j = (1 - lambda^7) / (1 - lambda), whatever the sums held before.
     */
    @Test
    void aDetectionRebuildsTheFadedSumsFromTheTrimmedReplay() {
        double lambda = 1 - 1.0 / 500;
        FadedNormalEquations fit = new FadedNormalEquations(D + 1, OptionalDouble.of(lambda), memory);
        ChangeResponse r = response(settings(0), Optional.of(fit));
        for (int k = 0; k < 300; k++) {
            fit.add(model, 1f); // an old concept's weight in the sums: 300 samples
        }
        driveToDetection(r, 0);
        assertThat(replay.size()).isEqualTo(7);
        assertThat(fit.weightSamples()).isCloseTo((1 - Math.pow(lambda, 7)) / (1 - lambda), within(1e-12));
    }

    /** A diverged model's error is no measurement: the detector does not see it. */
    @Test
    void aNonFiniteErrorIsNotObserved() throws Exception {
        ChangeResponse r = response(settings(0), Optional.empty());
        ChangeDetector detector = (ChangeDetector) OnboardTrainerTest.field(r, "detector");
        feed(r, 0.1, 0f, 0);
        long count = detector.referenceCount();
        assertThat(r.observe(x, Double.NaN, 0)).isFalse();
        assertThat(r.observe(x, Double.POSITIVE_INFINITY, 0)).isFalse();
        assertThat(detector.referenceCount()).isEqualTo(count);
    }

    @Test
    void theFeaturesCorrelationIsRequiredExactlyWithCatchUpPasses() {
        ChangeDetector detector = new ChangeDetector(settings(0));
        assertThatThrownBy(() -> new ChangeResponse(detector, Optional.empty(), model, subset, replay, Optional.empty(),
                new float[D], memory)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("catch-up");
        assertThatThrownBy(() -> new ChangeResponse(detector, Optional.of(new SerialCorrelation(D, 100, memory)), model,
                subset, replay, Optional.empty(), new float[D + 1], memory))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("draw buffer");
    }
}
