package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.learning.model.TrainableSubset;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Detections confirmed or taken back ({@link ChangeConfirmation}) in the trainer, on the linear stream of
 * {@link OnboardTrainerTest} (4 uniform features, Gaussian label noise sigma = 0.05): a single false alarm
 * injected into a stationary stream (8 labels off by 1, 20 sigma: each adds CLIP - 1.5 = 8.5 to the CUSUM, a
 * detection within ceil(50 / 8.5) = 6 of them) is taken back at the M-th sample after it, while a real change
 * (new true weights) is confirmed and trained exactly as without the confirmation.
 */
class OnboardTrainerConfirmationTest {

    private static final int D = OnboardTrainerTest.D;
    private static final int M = 200;
    private static final double TAU = 800;

    private static OnboardTrainer trainer(long seed, int passes, int confirmSamples) {
        LearningSettings s = LearningSettings.defaults().withHiddenLayers().withSubset(TrainableSubset.Kind.FULL)
                .withStepRule(StepRule.VSS_NLMS).withLearningRate(1.9).withMinLearningRate(0.05).withBatchSize(4)
                .withReplay(64, 24).withSeed(seed)
                .withChangeDetector(Optional.of(new ChangeDetectorSettings(0.5, 50, 1440, TAU, passes, confirmSamples)));
        return OnboardTrainer.create(D, s, new ExactTestOptimizer(0.5));
    }

    /**
     * The false alarm: detected within 6 samples of the burst, taken back at exactly the M-th sample after the
     * detection (the model of the detection errs at the in-control level: its mean ratio is about 1, far below
     * 1 + k = 1.5 at M = 200, where the mean of 200 chi-square(1) ratios has a standard deviation of 0.1); then
     * the detector holds exactly its reference of before the detection, the catch-up passes stop (1 update per
     * batch instead of 1 + 2 while the opened step would still run: tau = 800 updates), and a real change 400
     * samples after the burst is detected within 20 samples (the detector armed at once) and confirmed.
     */
    @ParameterizedTest
    @ValueSource(longs = {3, 17, 29})
    void aSingleFalseAlarmIsTakenBackAndTheNextRealChangeIsDetectedAtOnce(long seed) throws Exception {
        OnboardTrainer t = trainer(seed, 2, M);
        Object response = ((Optional<?>) OnboardTrainerTest.field(t, "changeResponse")).orElseThrow();
        ChangeDetector detector = (ChangeDetector) OnboardTrainerTest.field(response, "detector");
        SplittableRandom rng = new SplittableRandom(seed);
        int burst = 20_000;
        int change = burst + 400;
        int falseAlarmAt = -1;
        int changeDetectedAt = -1;
        double referenceBefore = Double.NaN;
        float[] x = new float[D];
        for (int k = 0; k < change + 1_000; k++) {
            double clean = OnboardTrainerTest.switchingLinearSample(k < change, x, rng);
            double offset = k >= burst && k < burst + 8 ? 1.0 : 0.0;
            double level = detector.referenceLevel();
            long detections = t.changesDetected();
            long updates = t.updates();
            t.step(x, (float) (clean + offset + 0.05 * rng.nextGaussian()), 1.0);
            long made = t.updates() - updates;
            if (t.changesDetected() > detections) {
                if (falseAlarmAt < 0) {
                    falseAlarmAt = k;
                    referenceBefore = level;
                } else if (changeDetectedAt < 0) {
                    changeDetectedAt = k;
                }
            }
            if (k < burst) {
                assertThat(t.changesDetected()).as("alarms on the stationary part").isZero();
            }
            if (falseAlarmAt >= 0 && k < falseAlarmAt + M) {
                assertThat(t.changesTakenBack()).as("taken back before the M-th sample, at %d", k).isZero();
                if ((k + 1) % 4 == 0 && k > falseAlarmAt) {
                    assertThat(made).as("updates per batch while the step is open").isEqualTo(3);
                }
            }
            if (falseAlarmAt >= 0 && k == falseAlarmAt + M) {
                assertThat(t.changesTakenBack()).as("taken back at the M-th sample").isEqualTo(1);
                assertThat(detector.referenceLevel()).as("the reference of before the false alarm")
                        .isEqualTo(referenceBefore);
                assertThat(detector.statistic()).isZero();
            }
            if (falseAlarmAt >= 0 && k > falseAlarmAt + M && k < change && (k + 1) % 4 == 0) {
                assertThat(made).as("updates per batch after the take-back").isEqualTo(1);
            }
        }
        assertThat(falseAlarmAt - burst).as("false alarm, samples into the burst").isBetween(0, 5);
        assertThat(changeDetectedAt - change).as("real change's detection delay, samples").isBetween(0, 20);
        assertThat(t.changesDetected()).isEqualTo(2);
        assertThat(t.changesTakenBack()).as("the real change is confirmed").isEqualTo(1);
    }

    /**
     * A real change (new true weights): the model of the detection errs far above the reference for all M
     * samples, the detection is confirmed, and the trainer's updates and weights are bit for bit those of the
     * run without a confirmation (it only scores the weights of the detection, swapped in and out exactly).
     */
    @ParameterizedTest
    @ValueSource(longs = {3, 17, 29})
    void aRealChangeIsConfirmedAndTrainedAsWithoutTheConfirmation(long seed) {
        OnboardTrainer with = run(seed, M);
        OnboardTrainer without = run(seed, 0);
        assertThat(with.changesDetected()).isPositive().isEqualTo(without.changesDetected());
        assertThat(with.changesTakenBack()).isZero();
        assertThat(with.updates()).isEqualTo(without.updates());
        assertThat(with.model().parameters()).containsExactly(without.model().parameters());
        assertThat(with.memoryBytes() - without.memoryBytes()).as("weights of the detection and the test's state")
                .isEqualTo(4L * with.subset().size() + ChangeConfirmation.STATE_BYTES);
    }

    private static OnboardTrainer run(long seed, int confirmSamples) {
        OnboardTrainer t = trainer(seed, 2, confirmSamples);
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[D];
        int change = 20_000;
        for (int k = 0; k < change + 2_000; k++) {
            double clean = OnboardTrainerTest.switchingLinearSample(k < change, x, rng);
            t.step(x, (float) (clean + 0.05 * rng.nextGaussian()), 1.0);
        }
        return t;
    }
}
