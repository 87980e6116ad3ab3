package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.learning.model.TrainableSubset;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A trainer's adaptation state across a reset ({@link OnboardTrainer#saveAdaptation}): on the linear stream of
 * {@link OnboardTrainerTest} (4 uniform features, Gaussian label noise sigma = 0.05, new true weights at sample
 * 3,000), a trainer built afresh, given the weights and the saved state of another at a batch boundary, must
 * continue sample for sample exactly as the one that never stopped; given the weights alone it must not (the
 * state is what a reset loses). The deterministic test optimizer and no replay draws (their generator is not
 * kept) make "exactly" mean bit for bit.
 */
class OnboardTrainerResumeTest {

    private static final int D = OnboardTrainerTest.D;
    private static final int CHANGE = 3_000;

    /**
     * Every part of the state in play: the variable step, a detection standing with its confirmation running,
     * the iterate average served after it, the output layer's faded sums (RLS) and the replay buffer's samples.
     */
    private static LearningSettings everyPart(long seed) {
        return LearningSettings.defaults().withHiddenLayers(8).withSubset(TrainableSubset.Kind.SPARSE_ROWS)
                .withReplay(64, 0).withSeed(seed)
                .withChangeDetector(Optional.of(new ChangeDetectorSettings(0.5, 50, 1440, 800, 0, 200)))
                .withIterateAveraging(Optional.of(new IterateAveragingSettings(60,
                        IterateAveragingSettings.Serving.AFTER_CHANGE)))
                .withOutputRls(Optional.of(OutputRlsSettings.defaults()));
    }

    private static OnboardTrainer trainer(LearningSettings s) {
        return OnboardTrainer.create(D, s, new ExactTestOptimizer(0.5));
    }

    private static float label(int k, float[] x, SplittableRandom rng) {
        return (float) (OnboardTrainerTest.switchingLinearSample(k < CHANGE, x, rng) + 0.05 * rng.nextGaussian());
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 17, 29})
    void aTrainerResumedFromTheSavedStateContinuesExactlyAsTheOneThatNeverStopped(long seed) {
        LearningSettings s = everyPart(seed);
        OnboardTrainer original = trainer(s);
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[D];
        int k = 0;
        // to a batch boundary 40 samples after the change is detected: the step open, the confirmation running
        int detectedAt = -1;
        while (detectedAt < 0 || k < detectedAt + 40 || k % s.batchSize() != 0) {
            long before = original.changesDetected();
            original.step(x, label(k, x, rng), 1.0);
            if (original.changesDetected() > before && detectedAt < 0) {
                detectedAt = k;
            }
            k++;
        }
        assertThat(detectedAt).as("the change is detected").isBetween(CHANGE, CHANGE + 200);
        byte[] state = original.saveAdaptation();
        float[] weights = original.model().parameters();

        OnboardTrainer resumed = trainer(s);
        resumed.model().setParameters(weights, 7);
        assertThat(resumed.resumeAdaptation(state)).isTrue();
        assertThat(resumed.saveAdaptation()).as("the state round-trips").isEqualTo(state);
        OnboardTrainer weightsOnly = trainer(s);
        weightsOnly.model().setParameters(weights, 7);

        int differing = 0;
        for (int j = 0; j < 2_000; j++, k++) {
            float y = label(k, x, rng);
            float expected = original.step(x, y, 1.0);
            assertThat(resumed.step(x, y, 1.0)).as("sample %d after the resume", j).isEqualTo(expected);
            if (weightsOnly.step(x, y, 1.0) != expected) {
                differing++;
            }
        }
        assertThat(resumed.model().parameters()).containsExactly(original.model().parameters());
        assertThat(resumed.changesDetected()).isEqualTo(original.changesDetected());
        assertThat(resumed.changesTakenBack()).isEqualTo(original.changesTakenBack());
        assertThat(differing).as("the weights alone do not continue the same (the state matters)").isPositive();
    }

    @Test
    void theDefaultLearnersStateRoundTripsWithItsReplaySamples() {
        LearningSettings s = LearningSettings.defaults().withSeed(5);
        OnboardTrainer original = OnboardTrainer.create(D, s, new ExactTestOptimizer(0.5));
        SplittableRandom rng = new SplittableRandom(5);
        float[] x = new float[D];
        for (int k = 0; k < CHANGE + 400; k++) {
            original.step(x, label(k, x, rng), 1.0);
        }
        assertThat(original.changesDetected()).as("a detection is part of the state").isPositive();
        byte[] state = original.saveAdaptation();
        OnboardTrainer resumed = OnboardTrainer.create(D, s, new ExactTestOptimizer(0.5));
        byte[] fresh = resumed.saveAdaptation();
        assertThat(fresh).isNotEqualTo(state);
        resumed.model().setParameters(original.model().parameters(), 7);
        assertThat(resumed.resumeAdaptation(state)).isTrue();
        assertThat(resumed.saveAdaptation()).isEqualTo(state);
        assertThat(resumed.changesDetected()).isEqualTo(original.changesDetected());
    }

    @Test
    void aStateOfOtherSettingsOrDamagedIsRefusedAndChangesNothing() {
        LearningSettings s = LearningSettings.defaults().withSeed(5);
        SplittableRandom rng = new SplittableRandom(5);
        float[] x = new float[D];
        OnboardTrainer other = OnboardTrainer.create(D, s.withReplay(32, 8), new ExactTestOptimizer(0.5));
        OnboardTrainer same = OnboardTrainer.create(D, s, new ExactTestOptimizer(0.5));
        for (int k = 0; k < 200; k++) {
            float y = label(k, x, rng);
            other.step(x, y, 1.0);
            same.step(x, y, 1.0);
        }
        OnboardTrainer t = OnboardTrainer.create(D, s, new ExactTestOptimizer(0.5));
        byte[] fresh = t.saveAdaptation();
        assertThat(t.resumeAdaptation(other.saveAdaptation())).as("another replay size").isFalse();
        byte[] tagged = same.saveAdaptation();
        tagged[0] ^= 1;
        assertThat(t.resumeAdaptation(tagged)).as("not the format's tag").isFalse();
        byte[] badCount = same.saveAdaptation();
        java.nio.ByteBuffer.wrap(badCount).putInt(8, 1_000); // the replay buffer's count, past its capacity of 64
        assertThat(t.resumeAdaptation(badCount)).as("a count the buffer cannot hold").isFalse();
        assertThat(t.resumeAdaptation(Arrays.copyOf(tagged, 12))).as("truncated").isFalse();
        assertThat(t.saveAdaptation()).as("nothing changed").isEqualTo(fresh);
    }
}
