package io.onorbit.flight.learning.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskStreamTest {

    /** The smallest task: one feature, label = time. */
    private static final class Ramp extends TaskStream {
        Ramp(double periodS, double durationS) {
            super("ramp", 1, "s", false, periodS, durationS);
        }

        Ramp(double[] timesS) {
            super("ramp", 1, "s", false, timesS);
        }

        @Override
        public float next(float[] xOut) {
            xOut[0] = (float) advance();
            return xOut[0];
        }

        @Override
        public double[] abruptDriftTimesS() {
            return new double[0];
        }

        @Override
        public boolean knowsConcept() {
            return false;
        }

        @Override
        public double currentConceptLabel(float[] x) {
            return Double.NaN;
        }

        @Override
        public double preDriftConceptLabel(float[] x) {
            return Double.NaN;
        }
    }

    private static List<Double> times(TaskStream s) {
        List<Double> out = new ArrayList<>();
        float[] x = new float[1];
        while (s.hasNext()) {
            s.next(x);
            out.add(s.timeS());
        }
        return out;
    }

    @Test
    void aGridHoldsTheWholePeriodsOfTheSpan() {
        // 35 s at 10 s holds floor(35 / 10) = 3 samples, one at the start of each whole period
        Ramp r = new Ramp(10, 35);
        assertThat(times(r)).containsExactly(0.0, 10.0, 20.0);
        assertThat(r.lastTimeS()).isEqualTo(20.0);
        assertThat(times(new Ramp(10, 9))).isEmpty();
        assertThat(r.name()).isEqualTo("ramp");
        assertThat(r.featureCount()).isEqualTo(1);
    }

    @Test
    void recordedTimesAreWalkedAsGiven() {
        Ramp r = new Ramp(new double[] {0.5, 0.5, 7});
        assertThat(times(r)).containsExactly(0.5, 0.5, 7.0);
        assertThat(r.index()).isEqualTo(2);
    }

    @Test
    void refusesAGridThatCannotAdvance() {
        assertThatThrownBy(() -> new Ramp(0, 10)).hasMessageContaining("ramp: samplePeriodS must be > 0");
        assertThatThrownBy(() -> new Ramp(Double.NaN, 10)).hasMessageContaining("samplePeriodS");
        assertThatThrownBy(() -> new Ramp(1, -1)).hasMessageContaining("durationS >= 0");
    }
}
