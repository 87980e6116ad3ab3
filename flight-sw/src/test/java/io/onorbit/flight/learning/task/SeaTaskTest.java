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

    /**
     * What each drift costs a model of the concept before it: the two thresholds' labels differ on
     * theta_lo &lt; a1 + a2 &le; theta_hi, a share |theta_new^2 - theta_old^2| / 200 of the inputs; on
     * that share the old label is wrong unless the noise flipped it, elsewhere both agree, so its
     * excess loss over the new concept's is (1 - 2 x noise) x the share (8 -> 9: 0.068, 9 -> 7:
     * 0.128, 7 -> 9.5: 0.165 at 10 % noise). Before the first drift the two labels are the same.
     * Tolerance 4 standard deviations of the mean of 20,000 samples.
     */
    @Test
    void thePreDriftConceptCostsWhatTheGeometryOfTheTwoThresholdsSays() {
        int perQuarter = 20_000;
        SeaTask task = new SeaTask(11, 10, 1.0, 4.0 * perQuarter);
        float[] x = new float[3];
        int[] differ = new int[4];
        double[] excess = new double[4];
        for (int i = 0; i < 4 * perQuarter; i++) {
            float y = task.next(x);
            int q = i / perQuarter;
            double now = task.currentConceptLabel(x);
            double before = task.preDriftConceptLabel(x);
            if (now != before) {
                differ[q]++;
            }
            excess[q] += (before != y ? 1 : 0) - (now != y ? 1 : 0);
        }
        assertThat(differ[0]).isZero();
        for (int q = 1; q < 4; q++) {
            double thetaOld = SeaTask.THRESHOLDS[q - 1];
            double thetaNew = SeaTask.THRESHOLDS[q];
            double share = Math.abs(thetaNew * thetaNew - thetaOld * thetaOld) / 200;
            double sd = Math.sqrt(share * (1 - share) / perQuarter);
            assertThat(differ[q] / (double) perQuarter).as("drift %d", q).isCloseTo(share, offset(4 * sd));
            // the excess is +-1 on the share, 0 elsewhere: variance at most the share
            assertThat(excess[q] / perQuarter).as("drift %d", q)
                    .isCloseTo(0.8 * share, offset(4 * Math.sqrt(share / perQuarter)));
        }
    }
}
