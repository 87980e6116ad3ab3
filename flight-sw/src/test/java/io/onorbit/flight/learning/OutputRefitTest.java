package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.optimizer.Optimizer;
import io.onorbit.flight.optimizer.SolveFigures;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The output refit writes only the output layer's part of the update's step: on noise-free labels of true output
 * weights w* (a linear model, so h = [x, 1]) the faded least-squares fit is w* itself, so with a proximal weight
 * of 1e-9 the step from any w0 is w* - w0; a catch-up pass zeroes that part; a solve that did not settle leaves
 * the step untouched; the other entries are never written.
 */
class OutputRefitTest {

    private static final int D = 3;
    private static final int OFFSET = 2;
    private static final double[] TRUTH = {0.4, -1.1, 0.25, 0.6};

    private final MemoryAccountant memory = MemoryAccountant.unbounded();
    private final DenseNetwork model = DenseNetwork.linear(D, 8, memory);

    private OutputRefit fitted() {
        OutputRefit refit = new OutputRefit(new OutputRlsSettings(500, 1e-9), OFFSET, D + 1, memory);
        SplittableRandom rng = new SplittableRandom(4);
        float[] x = new float[D];
        for (int i = 0; i < 200; i++) {
            double y = TRUTH[D];
            for (int j = 0; j < D; j++) {
                x[j] = (float) (2 * rng.nextDouble() - 1);
                y += TRUTH[j] * x[j];
            }
            model.predict(x);
            refit.sums().add(model, (float) y);
        }
        return refit;
    }

    @Test
    void theRefitStepsToTheLeastSquaresWeightsAndWritesOnlyItsPart() {
        OutputRefit refit = fitted();
        double[] anchor = {9, 9, 0.1, 0.2, -0.3, 0.4};
        double[] step = {7, 7, 0, 0, 0, 0};
        SolveFigures r = refit.solveInto(new ExactTestOptimizer(0), anchor, 1.0, step);
        assertThat(r.converged()).isTrue();
        assertThat(r.energyJ()).isPositive();
        assertThat(step[0]).isEqualTo(7);
        assertThat(step[1]).isEqualTo(7);
        for (int k = 0; k <= D; k++) {
            // float features and labels: the fit is w* to about 1e-6
            assertThat(step[OFFSET + k]).as("output weight %d", k).isCloseTo(TRUTH[k] - anchor[OFFSET + k], within(1e-5));
        }
    }

    @Test
    void aCatchUpPassKeepsTheLayerAndAnUnsettledSolveWritesNothing() {
        OutputRefit refit = fitted();
        double[] step = {7, 7, 1, 2, 3, 4};
        refit.keep(step);
        assertThat(step).containsExactly(7, 7, 0, 0, 0, 0);
        Optimizer unsettled = new UnsettledTestOptimizer();
        double[] untouched = {7, 7, 1, 2, 3, 4};
        SolveFigures r = refit.solveInto(unsettled, new double[6], 1.0, untouched);
        assertThat(r.converged()).isFalse();
        assertThat(r.energyJ()).as("charged by the caller all the same").isEqualTo(UnsettledTestOptimizer.ENERGY_J);
        assertThat(untouched).containsExactly(7, 7, 1, 2, 3, 4);
    }
}
