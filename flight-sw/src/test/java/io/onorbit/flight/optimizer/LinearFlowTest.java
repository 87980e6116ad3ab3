package io.onorbit.flight.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinearFlowTest {

    /**
     * The decomposition is checked against its definition (A q = λ q, Qᵀ Q = I) and against
     * Hipparchus' symmetric eigen-solver, an independent implementation.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 17, 33})
    void decompositionIsAnEigendecompositionAndMatchesHipparchus(int n) {
        for (long seed = 1; seed <= 5; seed++) {
            double[] a = RandomQuadratics.spd(n, seed * 31 + n).matrix();
            LinearFlow f = LinearFlow.of(a, n);
            assertThat(f).isNotNull();
            double[] lambda = f.eigenvalues();
            double[] q = f.eigenvectors();
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < n; r++) {
                    double aq = 0;
                    for (int k = 0; k < n; k++) {
                        aq += a[r * n + k] * q[k * n + i];
                    }
                    assertThat(aq).isCloseTo(lambda[i] * q[r * n + i], offset(1e-12));
                }
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    for (int k = 0; k < n; k++) {
                        dot += q[k * n + i] * q[k * n + j];
                    }
                    assertThat(dot).isCloseTo(i == j ? 1 : 0, offset(1e-12));
                }
            }
            double[][] m = new double[n][n];
            for (int r = 0; r < n; r++) {
                m[r] = Arrays.copyOfRange(a, r * n, r * n + n);
            }
            double[] reference = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(m)).getEigenvalues();
            double[] sorted = lambda.clone();
            Arrays.sort(sorted);
            Arrays.sort(reference);
            for (int i = 0; i < n; i++) {
                assertThat(sorted[i]).isCloseTo(reference[i], offset(1e-12 * Math.max(1, Math.abs(reference[i]))));
            }
        }
    }

    /** An indefinite matrix cannot settle: no decomposition is offered. */
    @ParameterizedTest
    @ValueSource(ints = {2, 6})
    void indefiniteMatrixIsRefused(int n) {
        double[] a = RandomQuadratics.spd(n, 9).matrix();
        a[0] = -50;
        assertThat(LinearFlow.of(a, n)).isNull();
    }

    /**
     * The settle state is the flow's closed form: with v* = A⁻¹b solved independently (Gaussian
     * elimination), v(s) − v* must be exp(−As)(v0 − v*); checked through its residual, whose norm
     * is the target at the settle time and larger just before it.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void settleStateReachesTheTargetAtTheSettleTimeAndNotBefore(long seed) {
        int n = 10;
        QuadraticEnergy qe = RandomQuadratics.spd(n, seed);
        double[] a = qe.matrix();
        double[] b = qe.linearTerm();
        double[] v0 = new double[n];
        LinearFlow f = LinearFlow.of(a, n);
        double target = 1e-3 * norm(b);
        LinearFlow.Settle s = f.settle(v0, b, target, 1e7);
        assertThat(residual(a, b, s.state())).isCloseTo(target, offset(1e-9 * target));
        LinearFlow.Settle earlier = f.settle(v0, b, target * 1.01, 1e7);
        assertThat(earlier.timeConstants()).isLessThan(s.timeConstants());
        assertThat(residual(a, b, earlier.state())).isGreaterThan(target);
        double[] exact = RandomQuadratics.solve(qe);
        // after 60 time constants (λmin >= 1) the state is the minimizer to 1e-20 relative
        LinearFlow.Settle late = f.settle(v0, b, 1e-300, 60);
        assertThat(late.timeConstants()).isEqualTo(60);
        assertThat(RandomQuadratics.relativeError(late.state(), exact)).isLessThan(1e-12);
    }

    /**
     * A diagonal matrix decomposed without the O(n²) eigenvector matrix settles as the general
     * Householder/QL decomposition of the same matrix held dense: the same eigenvalues, settle time
     * and state (to rounding), and its residual is the target at the settle time.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void diagonalDecompositionSettlesAsTheGeneralOne(long seed) {
        int n = 60;
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] d = new double[n];
        double[] a = new double[n * n];
        double[] b = new double[n];
        double[] v0 = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextDouble(0.05, 3);
            a[i * n + i] = d[i];
            b[i] = r.nextDouble(-1, 1);
            v0[i] = r.nextDouble(-0.5, 0.5);
        }
        LinearFlow diagonal = LinearFlow.ofDiagonal(d);
        LinearFlow general = LinearFlow.of(a, n);
        double[] ld = diagonal.eigenvalues();
        double[] lg = general.eigenvalues();
        Arrays.sort(ld);
        Arrays.sort(lg);
        assertThat(ld).containsExactly(lg, offset(1e-15));
        double target = 1e-3 * norm(b);
        LinearFlow.Settle sd = diagonal.settle(v0, b, target, 1e7);
        LinearFlow.Settle sg = general.settle(v0, b, target, 1e7);
        assertThat(sd.timeConstants()).isCloseTo(sg.timeConstants(), offset(1e-12 * sg.timeConstants()));
        assertThat(sd.state()).containsExactly(sg.state(), offset(1e-12));
        assertThat(residual(a, b, sd.state())).isCloseTo(target, offset(1e-9 * target));
        double[] zero = d.clone();
        zero[7] = 0;
        assertThat(LinearFlow.ofDiagonal(zero)).as("a zero eigenvalue cannot settle").isNull();
    }

    private static double residual(double[] a, double[] b, double[] v) {
        int n = b.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double r = -b[i];
            for (int j = 0; j < n; j++) {
                r += a[i * n + j] * v[j];
            }
            s += r * r;
        }
        return Math.sqrt(s);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
