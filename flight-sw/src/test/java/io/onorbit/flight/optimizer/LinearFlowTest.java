package io.onorbit.flight.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
        double[] d = RandomQuadratics.uniform(r, n, 0.05, 3);
        double[] a = RandomQuadratics.diagonalMatrix(d);
        double[] b = RandomQuadratics.uniform(r, n, -1, 1);
        double[] v0 = RandomQuadratics.uniform(r, n, -0.5, 0.5);
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

    /**
     * A spectrum as an analog array's programmed proximal matrix has it (rates 1 + σ·N(0, 1), the
     * cells' gain mismatch), n = 361 as the default learner's step: the settle time and the state
     * against the textbook closed form summed here one {@code Math.exp} per term, the settle time by
     * bisection on ln Σ (λᵢyᵢ)² e^(−2λᵢs) = 2 ln target and the state vᵢ(s) = bᵢ/λᵢ + e^(−λᵢs)(v0ᵢ − bᵢ/λᵢ).
     * Stated tolerance 1e-13 relative for both. Narrow spectra take the series (work.terms > 0); the
     * wide one (σ = 0.2) needs more than the series' 40 terms and is summed term by term.
     */
    @ParameterizedTest
    @CsvSource({"1, 0.01, true", "2, 0.01, true", "3, 0.03, true", "4, 0.001, true", "5, 0, true", "6, 0.2, false"})
    void narrowSpectrumSettlesAsTheTermByTermClosedForm(long seed, double sigma, boolean series) {
        int n = 361;
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] lambda = new double[n];
        double[] b = new double[n];
        double[] v0 = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = 1 + sigma * r.nextGaussian();
            // an 8-bit DAC's codes: most of a small gradient's entries are 0
            b[i] = r.nextInt(4) == 0 ? Math.rint(r.nextDouble(-127, 127)) / 127 : 0;
            v0[i] = seed % 2 == 0 ? 0 : r.nextDouble(-0.5, 0.5);
        }
        LinearFlow flow = LinearFlow.ofDiagonal(lambda);
        double target = 1e-3 * norm(b);
        LinearFlow.Work work = new LinearFlow.Work(n);
        LinearFlow.Settle settle = flow.settle(v0, b, target, 1e7, work);
        assertThat(work.terms > 0).as("series used").isEqualTo(series);

        double lo = 0;
        double hi = 100;
        assertThat(logResidual(lambda, b, v0, hi)).isLessThan(Math.log(target));
        for (int k = 0; k < 200 && lo < hi; k++) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) {
                break;
            }
            if (logResidual(lambda, b, v0, mid) > Math.log(target)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        assertThat(settle.timeConstants()).isCloseTo(hi, offset(1e-13 * hi));
        double[] state = settle.state();
        double scale = 0;
        for (double v : state) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < n; i++) {
            double star = b[i] / lambda[i];
            double textbook = star + Math.exp(-lambda[i] * settle.timeConstants()) * (v0[i] - star);
            assertThat(state[i]).as("v[%d]", i).isCloseTo(textbook, offset(1e-13 * scale));
        }
    }

    /**
     * The series' length: with K + 1 = seriesTerms(x) terms, the Taylor remainder of e^(±x), summed
     * here term by term (all terms positive for the bound), is at most 2⁻⁶⁰ of e^(−x), the smallest
     * the function can be on [−x, x]; and K is not larger than needed (K terms leave more).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 1e-6, 0.05, 0.21, 0.42, 1, 2.5})
    void seriesTermsBoundTheTaylorRemainder(double x) {
        int terms = LinearFlow.seriesTerms(x);
        assertThat(terms).isBetween(1, LinearFlow.MAX_TERMS);
        assertThat(remainder(x, terms)).isLessThanOrEqualTo(0x1p-60 * Math.exp(-x));
        if (terms > 1) {
            assertThat(remainder(x, terms - 1)).isGreaterThan(0x1p-60 * Math.exp(-x) * 1e-3);
        }
        assertThat(LinearFlow.seriesTerms(30)).as("too wide for the series").isZero();
    }

    /** @return Σ_{k >= terms} x^k / k!, summed until the terms vanish */
    private static double remainder(double x, int terms) {
        double term = 1;
        for (int k = 1; k <= terms; k++) {
            term *= x / k;
        }
        double sum = 0;
        for (int k = terms + 1; term > 0 && k < 400; k++) {
            sum += term;
            term *= x / k;
        }
        return sum;
    }

    /** @return ln Σ (λᵢ yᵢ)² e^(−2λᵢs) / 2, y = v0 − b/λ, around its largest term, one exponential each */
    private static double logResidual(double[] lambda, double[] b, double[] v0, double s) {
        double max = Double.NEGATIVE_INFINITY;
        double[] x = new double[lambda.length];
        for (int i = 0; i < lambda.length; i++) {
            double c = Math.abs(lambda[i] * v0[i] - b[i]);
            x[i] = c > 0 ? Math.log(c) - lambda[i] * s : Double.NEGATIVE_INFINITY;
            max = Math.max(max, x[i]);
        }
        double sum = 0;
        for (double xi : x) {
            sum += Math.exp(2 * (xi - max));
        }
        return max + 0.5 * Math.log(sum);
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
