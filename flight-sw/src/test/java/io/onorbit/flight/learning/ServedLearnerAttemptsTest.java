package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What the payload's time and energy budget counts as an update attempted. */
class ServedLearnerAttemptsTest {

    private static final int D = 4;

    /**
     * An update whose solve does not settle is charged and takes its time, so the payload's budget
     * counts it as attempted: with an engine that never settles nothing is applied, yet every batch
     * of both models is an attempt (the default batches 4 new samples: 40 samples, 10 per model).
     */
    @Test
    void attemptsCountUpdatesThatDidNotSettle() {
        // a constellation (2 satellites): a personal model beside the federated one
        ServedLearner learner = ServedLearner.create(D, LearningSettings.defaults(), Personalisation.defaults().resolvedFor(true),
                new UnsettledTestOptimizer());
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[D];
        for (int n = 0; n < 40; n++) {
            for (int i = 0; i < D; i++) {
                x[i] = (float) r.nextDouble(-1, 1);
            }
            learner.step(x, (float) r.nextDouble(), 1.0);
        }
        assertThat(learner.updates()).isZero();
        assertThat(learner.attempts()).isEqualTo(2 * 40 / 4);
    }
}
