package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import org.junit.jupiter.api.Test;

/**
 * The variable rate against the recursions' closed forms (a = 0.9, C = 0.1): a constant gradient g gives
 * p_k = (1 - a^k) g and q_k = (1 - a^k) |g|^2, so r_k = 1 - a^k; a gradient alternating in sign settles at
 * |p| = (1 - a) / (1 + a) |g| with q = |g|^2, so r tends to ((1 - a) / (1 + a))^2.
 */
class VariableStepSizeTest {

    private static final double A = StepRule.VSS_SMOOTHING;
    private static final double C = StepRule.VSS_HALF_STEP_COHERENCE;

    @Test
    void aConstantGradientGivesCoherenceOneMinusAToTheK() {
        VariableStepSize v = new VariableStepSize(1.9, 0.01, 3, MemoryAccountant.unbounded());
        float[] g = {0.3f, -1.2f, 0.05f};
        for (int k = 1; k <= 40; k++) {
            double r = 1 - Math.pow(A, k);
            // p is kept in float: relative rounding of about 1e-7 per update
            assertThat(v.next(g)).as("update %d", k).isCloseTo(Math.max(0.01, 1.9 * r / (r + C)), within(1e-6));
        }
    }

    @Test
    void aGradientAlternatingInSignSettlesAtTheSquaredRatio() {
        VariableStepSize v = new VariableStepSize(1.9, 0.001, 2, MemoryAccountant.unbounded());
        double eta = 0;
        for (int k = 0; k < 400; k++) {
            float s = k % 2 == 0 ? 1f : -1f;
            eta = v.next(new float[] {0.6f * s, -0.8f * s});
        }
        double r = Math.pow((1 - A) / (1 + A), 2);
        assertThat(eta).isCloseTo(1.9 * r / (r + C), within(1e-6));
    }

    @Test
    void aZeroGradientLeavesTheSmallestRate() {
        VariableStepSize v = new VariableStepSize(1.9, 0.5, 4, MemoryAccountant.unbounded());
        assertThat(v.next(new float[4])).isEqualTo(0.5);
        assertThat(v.next(new float[4])).isEqualTo(0.5);
    }

    @Test
    void ratesOutOfOrderOrRangeAreRefused() {
        MemoryAccountant m = MemoryAccountant.unbounded();
        assertThatThrownBy(() -> new VariableStepSize(1.0, 1.5, 2, m)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VariableStepSize(2.0, 0.5, 2, m)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VariableStepSize(1.0, 0.5, 0, m)).isInstanceOf(IllegalArgumentException.class);
    }
}
