package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.model.TrainableSubset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The batch gradient of a linear model y = w.x + b against its closed form: the squared error's gradient over
 * (w, b) is e [x, 1], so J = [x, 1] and |J|^2 = |x|^2 + 1; plain SGD sums e [x, 1], the normalised rules
 * e [x, 1] / (delta + |x|^2 + 1); the mean divides by the rows; the energy's minimum is d = -eta g.
 */
class BatchGradientTest {

    private static final int D = 3;
    private static final int ROWS = 5;

    private final MemoryAccountant memory = MemoryAccountant.unbounded();
    private final DenseNetwork model = DenseNetwork.linear(D, 2, memory);
    private final TrainableSubset subset = TrainableSubset.of(TrainableSubset.Kind.FULL, 1.0, 3, model, memory);

    /** Samples i: x_i and y_i; @return the expected mean gradient over (w, b), from the model's own weights. */
    private double[] expectedMean(float[][] xs, float[] ys, boolean normalised) {
        float[] p = model.parameters(); // layout: the D weights, then the bias
        double[] g = new double[D + 1];
        for (int i = 0; i < xs.length; i++) {
            double y = p[D];
            double norm = 1;
            for (int j = 0; j < D; j++) {
                y += (double) p[j] * xs[i][j];
                norm += (double) xs[i][j] * xs[i][j];
            }
            double e = y - ys[i];
            double scale = normalised ? 1 / (StepRule.NLMS_REGULARISER + norm) : 1;
            for (int j = 0; j < D; j++) {
                g[j] += e * xs[i][j] * scale / xs.length;
            }
            g[D] += e * scale / xs.length;
        }
        return g;
    }

    private float[][] samples(float[] ys) {
        SplittableRandom rng = new SplittableRandom(17);
        float[][] xs = new float[ys.length][D];
        for (int i = 0; i < ys.length; i++) {
            for (int j = 0; j < D; j++) {
                xs[i][j] = (float) (4 * rng.nextDouble() - 2);
            }
            ys[i] = (float) rng.nextGaussian();
        }
        return xs;
    }

    private void check(StepRule rule, boolean replayed) {
        float[] sum = new float[subset.size()];
        BatchGradient g = new BatchGradient(model, subset, rule, sum, ROWS, memory);
        float[] ys = new float[ROWS];
        float[][] xs = samples(ys);
        for (int i = 0; i < ROWS; i++) {
            if (replayed) {
                g.setReplayed(i, xs[i], ys[i]);
            } else {
                g.addPredicted(model.predict(xs[i]) - ys[i]);
            }
        }
        if (replayed) {
            g.addReplayed(ROWS);
        }
        g.mean(ROWS);
        double[] expected = expectedMean(xs, ys, rule.normalised());
        for (int k = 0; k < subset.size(); k++) {
            // the sums are kept in float
            double e = expected[subset.index(k)];
            assertThat((double) sum[k]).as("%s, parameter %d", rule, k).isCloseTo(e, within(1e-6 * (1 + Math.abs(e))));
        }
        g.clear();
        assertThat(sum).containsOnly(0f);
    }

    @Test
    void plainAndNormalisedSumsAreTheClosedFormOnePredictedSampleAtATime() {
        check(StepRule.SGD, false);
        check(StepRule.NLMS, false);
    }

    @Test
    void replayedSamplesPassedTogetherSumAsOneAtATime() {
        check(StepRule.SGD, true);
        check(StepRule.VSS_NLMS, true);
    }

    @Test
    void theEnergysMinimumIsTheDampedStep() {
        float[] sum = {0.5f, -1.25f, 2f, 0.125f};
        BatchGradient g = new BatchGradient(model, subset, StepRule.NLMS, sum, 1, memory);
        double eta = 0.7;
        double[] d = new double[sum.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = -eta * sum[k];
        }
        double[] gradient = new double[d.length];
        g.energy(eta).gradient(d, gradient);
        assertThat(gradient).containsOnly(0.0);
    }
}
