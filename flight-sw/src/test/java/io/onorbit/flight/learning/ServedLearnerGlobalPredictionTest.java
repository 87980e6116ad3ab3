package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The global expert's prediction a step reports is that model's own output on the sample. */
class ServedLearnerGlobalPredictionTest {

    /** Features: with the default personalisation both models and the global expert fit the 64 KiB budget up to 5 (BENCHMARKS.md). */
    private static final int D = 4;

    @Test
    void theGlobalExpertsPredictionIsThatOfAnIndependentCopyOfItsModel() {
        LearningSettings s = LearningSettings.defaults();
        Personalisation p = Personalisation.defaults().resolvedFor(true);
        ServedLearner learner = ServedLearner.create(D, s, p, new ExactTestOptimizer(0.1));
        SplittableRandom r = new SplittableRandom(7);
        // the deployed model: random parameters, also loaded into a network nobody trains
        DenseNetwork reference = new DenseNetwork(s.widths(D), s.seed() + 1, MemoryAccountant.unbounded());
        float[] deployed = new float[reference.parameters().length];
        for (int i = 0; i < deployed.length; i++) {
            deployed[i] = (float) r.nextDouble(-0.5, 0.5);
        }
        reference.setParameters(deployed, 3);
        learner.deploy(deployed, 3);
        assertThatThrownBy(learner::globalPrediction).hasMessageContaining("no step yet");
        float[] x = new float[D];
        for (int n = 0; n < 200; n++) {
            for (int i = 0; i < D; i++) {
                x[i] = (float) r.nextDouble(-1, 1);
            }
            learner.step(x, (float) r.nextDouble(), 1.0);
            // the trained models move; the global expert held stays the deployed model
            assertThat(Float.floatToRawIntBits(learner.globalPrediction()))
                    .isEqualTo(Float.floatToRawIntBits(reference.predict(x)));
        }
    }

    @Test
    void withoutAGlobalModelHeldThereIsNone() {
        ServedLearner learner = ServedLearner.create(D, LearningSettings.defaults(), Personalisation.defaults().resolvedFor(false),
                new ExactTestOptimizer(0.1));
        learner.step(new float[D], 0.5f, 1.0);
        assertThat(learner.holdsGlobal()).isFalse();
        assertThatThrownBy(learner::globalPrediction).hasMessageContaining("no global model held");
    }
}
