package io.onorbit.flight.learning.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class HyperplaneTaskTest {

    /** x uniform on [0,1)^d is symmetric about 1/2, so P(sum w x &ge; sum w / 2) = 1/2 for any w. */
    @Test
    void balancedClassesAndTheStatedNoiseRateWithoutDrift() {
        HyperplaneTask task = new HyperplaneTask(5, 10, 2, 0.0, 5, 10, 1, 40_000);
        float[] x = new float[10];
        int ones = 0;
        int flipped = 0;
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            float y = task.next(x);
            ones += (int) y;
            flipped += y != task.currentConceptLabel(x) ? 1 : 0;
        }
        assertThat(ones / (double) n).isCloseTo(0.5, offset(0.01));
        assertThat(flipped / (double) n).isCloseTo(0.05, offset(0.005));
    }

    /** Each drifting weight moves by exactly magChange per sample; the others never move. */
    @Test
    void onlyTheDriftingWeightsMoveByTheMagnitudeEachSample() {
        HyperplaneTask task = HyperplaneTask.moaDefaults(9, 1, 1000);
        float[] x = new float[10];
        double[] prev = task.weights();
        for (int i = 0; i < 1000; i++) {
            task.next(x);
            double[] w = task.weights();
            for (int k = 0; k < 10; k++) {
                assertThat(Math.abs(w[k] - prev[k])).isCloseTo(k < 2 ? 0.001 : 0.0, offset(1e-12));
            }
            prev = w;
        }
    }
}
