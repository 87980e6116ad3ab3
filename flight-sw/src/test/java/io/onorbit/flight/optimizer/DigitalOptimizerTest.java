package io.onorbit.flight.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DigitalOptimizerTest {

    @ParameterizedTest
    @EnumSource(DigitalOptimizer.Method.class)
    void convergesToTheClosedFormMinimizer(DigitalOptimizer.Method method) {
        QuadraticEnergy q = RandomQuadratics.spd(8, 5);
        OptimizationResult r = DigitalOptimizer.withDefaults(method).withTolerance(1e-6).minimize(q, new double[8], 1.0);
        assertThat(r.converged()).isTrue();
        // residual ≤ 1e-6·|b| and λmin(A) ≥ 1 give |w - w*| ≤ 1e-6·|b|
        assertThat(RandomQuadratics.relativeError(r.solution(), RandomQuadratics.solve(q))).isLessThan(1e-5);
        assertThat(r.powerW()).isLessThanOrEqualTo(1.0);
    }

    /**
     * Already at the minimum of A = I (n = 2): one gradient and its test, nothing else. Counted by
     * hand: 6 multiplies, 4 (Gershgorin) + 6 adds, 4 + 10 accesses in an 8 KB cache, 30
     * instructions; at Horowitz's 3.7, 0.9, 10 and 70 pJ.
     */
    @Test
    void energyComesFromCountedOperationsAtPublishedCosts() {
        QuadraticEnergy q = new QuadraticEnergy(new double[] {1, 0, 0, 1}, new double[] {1, 2});
        OptimizationResult r = DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD).minimize(q, new double[] {1, 2}, 1);
        double expectedPj = 6 * 3.7 + 10 * 0.9 + 14 * 10 + 30 * 70;
        assertThat(r.energyJ()).isCloseTo(expectedPj * 1e-12, offset(1e-18));
        assertThat(r.operations()).isZero();
    }

    @Test
    void slowsDownToStayInsideTheEnvelopeAndRefusesBelowItsMinimum() {
        QuadraticEnergy q = RandomQuadratics.spd(16, 2);
        DigitalOptimizer d = DigitalOptimizer.withDefaults(DigitalOptimizer.Method.SGD);
        OptimizationResult fast = d.minimize(q, new double[16], 10);
        OptimizationResult slow = d.minimize(q, new double[16], 2e-3);
        assertThat(slow.powerW()).isLessThanOrEqualTo(2e-3);
        assertThat(slow.energyJ()).isCloseTo(fast.energyJ(), offset(1e-15));
        assertThat(slow.settleTimeS()).isGreaterThan(fast.settleTimeS());
        assertThatThrownBy(() -> d.minimize(q, new double[16], 1e-4)).isInstanceOf(PowerEnvelopeException.class);
    }
}
