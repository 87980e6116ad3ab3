package io.onorbit.verification.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.onorbit.flight.learning.task.SolarArrayScenario;
import io.onorbit.flight.learning.task.SolarArrayTask;
import io.onorbit.flight.schedule.OnboardSchedule;
import org.junit.jupiter.api.Test;

class SolarArrayTaskTest {

    private static final OnboardSchedule SCHEDULE = SyntheticSchedule.circular(2 * 86400, 550, 20, 6);

    @Test
    void eclipseSamplesCarryOnlyTelemetryNoise() {
        SolarArrayTask task = new SolarArrayTask(SCHEDULE, SolarArrayScenario.defaults(86400).withNoiseFraction(0.02));
        float[] x = new float[4];
        double sum = 0;
        double sq = 0;
        int n = 0;
        while (task.hasNext()) {
            float y = task.next(x);
            assertThat(x[2]).isCloseTo(x[0] * x[1], offset(1e-6f));
            if (x[1] == 0f) {
                sum += y;
                sq += y * y;
                n++;
            }
        }
        assertThat(n).isGreaterThan(500);
        assertThat(sum / n).isCloseTo(0.0, offset(0.003));
        assertThat(Math.sqrt(sq / n)).isCloseTo(0.02, offset(0.002));
    }

    /** One of eight strings failing leaves 7/8 of the output for the same geometry and temperature. */
    @Test
    void stringFailureCutsOutputToSevenEighths() {
        SolarArrayScenario sc = SolarArrayScenario.defaults(86400).withNoiseFraction(0).withSensorBiasDriftKPerDay(0)
                .withDegradationPerYear(0);
        SolarArrayTask task = new SolarArrayTask(SCHEDULE, sc);
        float[] x = new float[4];
        double before = 0;
        double after = 0;
        int nb = 0;
        int na = 0;
        while (task.hasNext()) {
            float y = task.next(x);
            double t = task.timeS();
            if (x[2] < 0.3) {
                continue;
            }
            // Divide out geometry and temperature (measured T has 0.5 K noise: 0.15 % in power).
            double tempC = 20 + 50 * x[3];
            double unit = y / (x[2] * (1 + SolarArrayTask.GAMMA_PER_K * (tempC - 28)));
            if (t < 86400 && t > 86400 - 6 * 3600) {
                before += unit;
                nb++;
            } else if (t >= 86400 && t < 86400 + 6 * 3600) {
                after += unit;
                na++;
            }
        }
        assertThat(nb).isGreaterThan(20);
        assertThat(na).isGreaterThan(20);
        assertThat(after / na / (before / nb)).isCloseTo(7.0 / 8.0, offset(0.005));
        assertThat(task.abruptDriftTimesS()).containsExactly(86400.0);
    }

    /** The true concept removes the drifting sensor bias (10 K after 2 days would be a 3 % error otherwise). */
    @Test
    void conceptLabelAccountsForTheDriftingSensorBias() {
        SolarArrayScenario sc = SolarArrayScenario.defaults(86400).withNoiseFraction(0).withSensorBiasDriftKPerDay(5);
        SolarArrayTask task = new SolarArrayTask(SCHEDULE, sc);
        float[] x = new float[4];
        while (task.hasNext()) {
            float y = task.next(x);
            // Only the 0.5 K measurement noise separates them: |gamma| * 4 sigma * lit.
            assertThat(task.currentConceptLabel(x)).isCloseTo(y, offset(0.003 * 2.0 * x[2] + 1e-6));
        }
        assertThat(task.biasK(2 * 86400)).isCloseTo(10.0, offset(1e-9));
    }

    /**
     * The concept before the string failure is the same array with all eight strings: equal to the
     * current concept before the failure, 8/7 of it after (same ageing, bias and temperature).
     */
    @Test
    void thePreDriftConceptIsTheArrayWithEveryString() {
        SolarArrayScenario sc = SolarArrayScenario.defaults(86400).withSensorBiasDriftKPerDay(5);
        SolarArrayTask task = new SolarArrayTask(SCHEDULE, sc);
        float[] x = new float[4];
        int lit = 0;
        while (task.hasNext()) {
            task.next(x);
            double now = task.currentConceptLabel(x);
            double before = task.preDriftConceptLabel(x);
            if (task.timeS() < 86400) {
                assertThat(before).isEqualTo(now);
            } else {
                assertThat(before).isCloseTo(now * 8.0 / 7.0, offset(1e-12));
                lit += x[2] > 0.5 ? 1 : 0;
            }
        }
        assertThat(lit).isGreaterThan(20);
    }
}
