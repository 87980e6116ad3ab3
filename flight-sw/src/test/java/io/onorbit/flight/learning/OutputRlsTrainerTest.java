package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.learning.model.TrainableSubset;
import java.util.Optional;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trainer with {@code output_rls}: its output layer against exponentially weighted least
 * squares computed by Hipparchus QR on the weighted rows of features computed by an independent copy
 * of the deployed network, and its covariance resetting on a detected change.
 */
class OutputRlsTrainerTest {

    private static final int D = 4;

    /** argmin sum_i lambda^(t - i) (h_i.w - y_i)^2 over h = [features, 1], by QR of the weighted rows. */
    private static double[] fadedLeastSquares(double[][] hs, float[] ys, double lambda) {
        int t = hs.length;
        int n = hs[0].length;
        RealMatrix rows = new Array2DRowRealMatrix(t, n);
        ArrayRealVector rhs = new ArrayRealVector(t);
        for (int i = 0; i < t; i++) {
            double s = Math.sqrt(Math.pow(lambda, t - 1 - i));
            for (int j = 0; j < n; j++) {
                rows.setEntry(i, j, s * hs[i][j]);
            }
            rhs.setEntry(i, s * ys[i]);
        }
        return new QRDecomposition(rows).getSolver().solve(rhs).toArray();
    }

    /** The output layer's weights then bias, as the regressor h = [last hidden, 1] orders them. */
    private static double[] outputLayer(DenseNetwork net) {
        int last = net.layerCount() - 1;
        int w = net.layout().tensor("layer" + last + ".weight").offset();
        int b = net.layout().tensor("layer" + last + ".bias").offset();
        int m = net.lastHiddenWidth();
        double[] out = new double[m + 1];
        for (int j = 0; j < m; j++) {
            out[j] = net.parameter(w + j);
        }
        out[m] = net.parameter(b);
        return out;
    }

    /**
     * Hidden rows at a negligible normalised rate (1e-10: below float32 resolution of the weights): the features h_i are those of the deployed
     * network, so after 400 samples the output layer must be the faded least-squares fit over them
     * (memory 60, proximal weight 1e-9); the same trainer without {@code output_rls} is far from it.
     * With {@code last_layer} the faded exact update fits the same sums.
     */
    @ParameterizedTest
    @ValueSource(strings = {"SPARSE_ROWS", "LAST_LAYER"})
    void theOutputLayerIsTheFadedLeastSquaresFitOfTheFeatures(String subset) {
        double memory = 60;
        double lambda = 1 - 1 / memory;
        LearningSettings base = LearningSettings.defaults().withHiddenLayers(8)
                .withSubset(TrainableSubset.Kind.valueOf(subset)).withStepRule(StepRule.NLMS).withLearningRate(1e-10)
                .withChangeDetector(Optional.empty());
        LearningSettings rls = base.withOutputRls(Optional.of(new OutputRlsSettings(memory, 1e-9)));
        OnboardTrainer t = OnboardTrainer.create(D, rls, new ExactTestOptimizer(0));
        OnboardTrainer plain = OnboardTrainer.create(D, base, new ExactTestOptimizer(0));
        DenseNetwork copy = new DenseNetwork(rls.widths(D), rls.seed(), new MemoryAccountant(1 << 20));
        SplittableRandom rng = new SplittableRandom(5);
        int samples = 400;
        double[][] hs = new double[samples][9];
        float[] ys = new float[samples];
        float[] x = new float[D];
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < D; j++) {
                x[j] = (float) (2 * rng.nextDouble() - 1);
            }
            ys[i] = (float) (Math.sin(3 * x[0]) * x[1] + 0.5 * x[2] * x[3] + 0.05 * rng.nextGaussian());
            copy.predict(x);
            for (int j = 0; j < 8; j++) {
                hs[i][j] = copy.lastHidden(j);
            }
            hs[i][8] = 1;
            t.step(x, ys[i], 1.0);
            plain.step(x, ys[i], 1.0);
        }
        double[] expected = fadedLeastSquares(hs, ys, lambda);
        double[] got = outputLayer(t.model());
        double[] plainGot = outputLayer(plain.model());
        double plainDistance = 0;
        for (int j = 0; j < expected.length; j++) {
            assertThat(got[j]).as("output weight %d", j).isCloseTo(expected[j],
                    Offset.offset(1e-3 * (1 + Math.abs(expected[j]))));
            plainDistance += (plainGot[j] - expected[j]) * (plainGot[j] - expected[j]);
        }
        assertThat(Math.sqrt(plainDistance)).as("the gradient step alone").isGreaterThan(0.1);
        assertThat(t.updates()).isEqualTo(samples / 4);
    }

    /**
     * A linear model (so the output layer is the whole model) on a linear stream with noise 0.05 that
     * switches concept at sample 2000 (|dw|^2 / 3 = 0.6 of excess error, 240 times the noise
     * variance): with the change detector the faded sums are rebuilt from the samples the replay
     * buffer kept since the CUSUM's change estimate, and the squared error over 8 samples is back
     * under four times the noise variance within 120 samples (measured 47, 94, 49 on seeds 1-3 and
     * 15-67 on seeds 4-10: the estimate can reach a few samples into the old concept, which then
     * weigh in the sums). Without the detector the old concept's faded weight lambda^t must fall
     * to about sqrt(3 x 0.0025 x 3 / 0.6) = 0.19 of the sums first, t = 500 ln(1 / 0.19) = 830
     * samples for a memory of 500: the bound 600 (measured 628-1,029 on seeds 1-10).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aDetectedChangeResetsTheFadedSumsAndTheFitFollowsWithinAFewTimesN(long seed) {
        LearningSettings base = LearningSettings.defaults().withHiddenLayers().withSubset(TrainableSubset.Kind.LAST_LAYER)
                .withSeed(seed).withOutputRls(Optional.of(new OutputRlsSettings(500, 1e-6)));
        int withReset = samplesToRecover(base, seed);
        int without = samplesToRecover(base.withChangeDetector(Optional.empty()), seed);
        assertThat(withReset).as("with the reset").isLessThanOrEqualTo(120);
        assertThat(without).as("without it").isGreaterThan(600);
    }

    private static int samplesToRecover(LearningSettings s, long seed) {
        OnboardTrainer t = OnboardTrainer.create(D, s, new ExactTestOptimizer(0));
        SplittableRandom rng = new SplittableRandom(seed);
        double[] before = {0.8, -0.5, 0.3, 0.1, 0.2};
        double[] after = {-0.6, 0.4, 0.9, -0.3, -0.1};
        double sigma = 0.05;
        float[] x = new float[D];
        double[] window = new double[8];
        for (int i = 0; i < 4000; i++) {
            double[] c = i < 2000 ? before : after;
            double y = c[D];
            for (int j = 0; j < D; j++) {
                x[j] = (float) (2 * rng.nextDouble() - 1);
                y += c[j] * x[j];
            }
            y += sigma * rng.nextGaussian();
            double e = t.step(x, (float) y, 1.0) - y;
            window[i % 8] = e * e;
            if (i >= 2008) {
                double mean = java.util.Arrays.stream(window).average().orElseThrow();
                if (mean < 4 * sigma * sigma) {
                    return i - 2000;
                }
            }
        }
        return Integer.MAX_VALUE;
    }
}
