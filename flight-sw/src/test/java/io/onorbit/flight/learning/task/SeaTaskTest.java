package io.onorbit.flight.learning.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class SeaTaskTest {

    /**
     * For a1, a2 uniform on [0, 10), P(a1 + a2 &le; theta) = theta^2 / 200 (theta &le; 10); with
     * noise rate n the observed class-0 rate is p (1 - n) + (1 - p) n. Checked in each quarter.
     */
    @Test
    void classRatesMatchTheGeometryOfEachConceptWithNoise() {
        int perQuarter = 20_000;
        SeaTask task = new SeaTask(3, 10, 1.0, 4.0 * perQuarter);
        float[] x = new float[3];
        int[] zeros = new int[4];
        int[] flipped = new int[4];
        for (int i = 0; i < 4 * perQuarter; i++) {
            float y = task.next(x);
            int q = i / perQuarter;
            assertThat(task.function()).isEqualTo(q + 1);
            for (float v : x) {
                assertThat(v).isBetween(0f, 1f);
            }
            if (y == 0) {
                zeros[q]++;
            }
            if (y != task.currentConceptLabel(x)) {
                flipped[q]++;
            }
        }
        for (int q = 0; q < 4; q++) {
            double theta = SeaTask.THRESHOLDS[q];
            double p = theta * theta / 200;
            double expected = p * 0.9 + (1 - p) * 0.1;
            assertThat(zeros[q] / (double) perQuarter).as("quarter %d", q).isCloseTo(expected, offset(0.012));
            assertThat(flipped[q] / (double) perQuarter).isCloseTo(0.10, offset(0.008));
        }
        assertThat(task.abruptDriftTimesS()).containsExactly(20_000.0, 40_000.0, 60_000.0);
    }
}
