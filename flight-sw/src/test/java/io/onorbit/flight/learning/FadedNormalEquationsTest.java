package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.DenseNetwork;
import io.onorbit.flight.optimizer.QuadraticEnergy;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The faded normal equations against least squares computed another way: Hipparchus QR on the
 * weighted rows (the textbook definition of exponentially weighted least squares, Haykin, Adaptive
 * Filter Theory, ch. 9-10), RLS's steady-state misadjustment n (1 - lambda) / (1 + lambda)
 * (Haykin, ch. 10; about (1 - lambda) n / 2 for lambda near 1), and covariance resetting (Goodwin
 * and Sin 1984): a noise-free new concept is fitted exactly from n samples after a reset.
 */
class FadedNormalEquationsTest {

    /** A linear network: its "last hidden layer" is the input, so the regressor is h = [x, 1]. */
    private static DenseNetwork linear(int inputs) {
        return DenseNetwork.linear(inputs, 1, new MemoryAccountant(1 << 20));
    }

    private static FadedNormalEquations equations(int n, OptionalDouble lambda) {
        return new FadedNormalEquations(n, lambda, new MemoryAccountant(1 << 20));
    }

    /** w0 + A^-1 b, A and b as posed, solved by Hipparchus' Cholesky (not the optimizer). */
    private static double[] minimiser(QuadraticEnergy e, double[] anchor, int offset) {
        int n = e.dimension();
        double[] a = e.matrix();
        RealMatrix m = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m.setEntry(i, j, a[i * n + j]);
            }
        }
        double[] d = new CholeskyDecomposition(m).getSolver().solve(new ArrayRealVector(e.linearTerm())).toArray();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = anchor[offset + i] + d[i];
        }
        return w;
    }

    /**
     * argmin_w sum_i c_i (h_i.w - y_i)^2 + mu |w - w0|^2 by QR of the stacked rows
     * [sqrt(c_i) h_i ; sqrt(mu) I] against [sqrt(c_i) y_i ; sqrt(mu) w0].
     */
    private static double[] weightedLeastSquares(float[][] xs, float[] ys, double[] c, double mu, double[] w0) {
        int t = xs.length;
        int n = xs[0].length + 1;
        RealMatrix rows = new Array2DRowRealMatrix(t + n, n);
        ArrayRealVector rhs = new ArrayRealVector(t + n);
        for (int i = 0; i < t; i++) {
            double s = Math.sqrt(c[i]);
            for (int j = 0; j < n; j++) {
                rows.setEntry(i, j, s * (j < n - 1 ? xs[i][j] : 1.0));
            }
            rhs.setEntry(i, s * ys[i]);
        }
        for (int j = 0; j < n; j++) {
            rows.setEntry(t + j, j, Math.sqrt(mu));
            rhs.setEntry(t + j, Math.sqrt(mu) * w0[j]);
        }
        return new QRDecomposition(rows).getSolver().solve(rhs).toArray();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void thePosedMinimiserIsTheClosedFormExponentiallyWeightedLeastSquares(long seed) {
        int inputs = 6;
        int n = inputs + 1;
        int samples = 300;
        double memory = 50;
        double lambda = 1 - 1 / memory;
        double mu = 0.3;
        SplittableRandom rng = new SplittableRandom(seed);
        DenseNetwork net = linear(inputs);
        FadedNormalEquations eq = equations(n, OptionalDouble.of(lambda));
        float[][] xs = new float[samples][inputs];
        float[] ys = new float[samples];
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < inputs; j++) {
                xs[i][j] = (float) rng.nextGaussian();
            }
            ys[i] = (float) (3 * rng.nextGaussian() + 1);
            net.predict(xs[i]);
            eq.add(net, ys[i]);
        }
        int offset = 3;
        double[] anchor = new double[offset + n];
        double[] w0 = new double[n];
        for (int j = 0; j < n; j++) {
            w0[j] = rng.nextGaussian();
            anchor[offset + j] = w0[j];
        }
        // weights lambda^(t - i) over their sum W = (1 - lambda^t) / (1 - lambda), the geometric series
        double total = (1 - Math.pow(lambda, samples)) / (1 - lambda);
        assertThat(eq.weightSamples()).isCloseTo(total, org.assertj.core.data.Offset.offset(1e-9 * total));
        double[] c = new double[samples];
        for (int i = 0; i < samples; i++) {
            c[i] = Math.pow(lambda, samples - 1 - i) / total;
        }
        double[] expected = weightedLeastSquares(xs, ys, c, mu, w0);
        double[] got = minimiser(eq.pose(anchor, offset, mu), anchor, offset);
        for (int j = 0; j < n; j++) {
            assertThat(got[j]).as("weight %d", j).isCloseTo(expected[j],
                    org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(expected[j]))));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void theBatchMemoryIsTheLeastSquaresOfOneBatchOnly(long seed) {
        int inputs = 4;
        int n = inputs + 1;
        int batch = 12;
        double mu = 0.5;
        SplittableRandom rng = new SplittableRandom(seed);
        DenseNetwork net = linear(inputs);
        FadedNormalEquations eq = equations(n, OptionalDouble.empty());
        float[][] xs = new float[batch][inputs];
        float[] ys = new float[batch];
        for (int round = 0; round < 2; round++) { // the first batch must leave nothing after the reset
            eq.reset();
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < inputs; j++) {
                    xs[i][j] = (float) rng.nextGaussian();
                }
                ys[i] = (float) rng.nextGaussian();
                net.predict(xs[i]);
                eq.add(net, ys[i]);
            }
        }
        double[] w0 = {0.1, -0.2, 0.3, -0.4, 0.5};
        double[] c = new double[batch];
        java.util.Arrays.fill(c, 1.0 / batch);
        double[] expected = weightedLeastSquares(xs, ys, c, mu, w0);
        double[] got = minimiser(eq.pose(w0, 0, mu), w0, 0);
        for (int j = 0; j < n; j++) {
            assertThat(got[j]).isCloseTo(expected[j], org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(expected[j]))));
        }
    }

    /**
     * y = w*.h + sigma e on white unit regressors (R = I, so the excess error of w is |w - w*|^2):
     * the mean excess over the steady state is the RLS misadjustment n (1 - lambda) / (1 + lambda)
     * times sigma^2, within four standard errors of the mean of a sample count T whose terms are
     * correlated over about 1 / (1 - lambda) samples: sd = M sqrt(2 / n) sqrt(memory / T). Refitted
     * every 4 samples as the trainer does (a lag of up to 3 samples against a memory of 500).
     */
    @ParameterizedTest
    @ValueSource(longs = {1})
    void theSteadyStateExcessErrorIsTheTextbookMisadjustment(long seed) {
        int inputs = 16;
        int n = inputs + 1;
        // at a memory of 500 the textbook's large-memory approximation is within ~2 % (a Wishart
        // inverse's n / memory correction), inside the 12 % four standard errors allow
        double memory = 500;
        double lambda = 1 - 1 / memory;
        double sigma = 0.1;
        int warmUp = 10 * (int) memory;
        int measured = 60_000;
        SplittableRandom rng = new SplittableRandom(seed);
        DenseNetwork net = linear(inputs);
        FadedNormalEquations eq = equations(n, OptionalDouble.of(lambda));
        double[] truth = new double[n];
        for (int j = 0; j < n; j++) {
            truth[j] = rng.nextGaussian();
        }
        double[] w = new double[n];
        float[] x = new float[inputs];
        double excessSum = 0;
        for (int t = 0; t < warmUp + measured; t++) {
            if (t >= warmUp) {
                double e2 = 0;
                for (int j = 0; j < n; j++) {
                    e2 += (w[j] - truth[j]) * (w[j] - truth[j]);
                }
                excessSum += e2;
            }
            double y = truth[inputs];
            for (int j = 0; j < inputs; j++) {
                x[j] = (float) rng.nextGaussian();
                y += truth[j] * x[j];
            }
            net.predict(x);
            eq.add(net, (float) (y + sigma * rng.nextGaussian()));
            if (t >= n && t % 4 == 3) { // refitted every 4 samples, as the trainer's batches
                w = minimiser(eq.pose(w, 0, 1e-12), w, 0);
            }
        }
        double misadjustment = excessSum / measured / (sigma * sigma);
        double textbook = n * (1 - lambda) / (1 + lambda);
        double sd = textbook * Math.sqrt(2.0 / n) * Math.sqrt(memory / measured);
        assertThat(misadjustment).isCloseTo(textbook, org.assertj.core.data.Offset.offset(4 * sd));
    }

    /**
     * A noise-free linear stream switches concept: after a reset the fit is the new concept
     * exactly once n samples have come (n equations in n unknowns); without it the old concept's
     * faded weight still holds the fit far away.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void afterAResetTheNewConceptIsFittedFromNSamples(long seed) {
        int inputs = 6;
        int n = inputs + 1;
        double lambda = 1 - 1 / 200.0;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] before = new double[n];
        double[] after = new double[n];
        for (int j = 0; j < n; j++) {
            before[j] = rng.nextGaussian();
            after[j] = rng.nextGaussian();
        }
        DenseNetwork net = linear(inputs);
        FadedNormalEquations reset = equations(n, OptionalDouble.of(lambda));
        FadedNormalEquations kept = equations(n, OptionalDouble.of(lambda));
        float[] x = new float[inputs];
        for (int t = 0; t < 400 + n; t++) {
            if (t == 400) {
                reset.reset();
            }
            double[] concept = t < 400 ? before : after;
            double y = concept[inputs];
            for (int j = 0; j < inputs; j++) {
                x[j] = (float) rng.nextGaussian();
                y += concept[j] * x[j];
            }
            net.predict(x);
            reset.add(net, (float) y);
            kept.add(net, (float) y);
        }
        double[] zero = new double[n];
        double[] fitted = minimiser(reset.pose(zero, 0, 1e-12), zero, 0);
        double[] stale = minimiser(kept.pose(zero, 0, 1e-12), zero, 0);
        double staleDistance = 0;
        for (int j = 0; j < n; j++) {
            // labels are float32: the fit is exact to their rounding
            assertThat(fitted[j]).as("weight %d", j).isCloseTo(after[j], org.assertj.core.data.Offset.offset(1e-4));
            staleDistance += (stale[j] - after[j]) * (stale[j] - after[j]);
        }
        assertThat(Math.sqrt(staleDistance)).as("without the reset").isGreaterThan(0.3);
    }
}
