package io.onorbit.flight.optimizer;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealVector;

/**
 * The exact solution of the linear gradient flow dv/ds = −(Av − b) with A symmetric positive
 * definite, in units of the time constant (s = t/τ). With A = QΛQᵀ, v* = A⁻¹b and
 * y = Qᵀ(v0 − v*): v(s) = v* + Q·exp(−Λs)·y, and the residual Av(s) − b = Q·Λ·exp(−Λs)·y, whose norm
 * falls monotonically; its logarithm is convex in s, so Newton's method started left of the root
 * climbs to it without overshooting.
 *
 * <p>Immutable; holds the decomposition of one matrix, so a flow programmed again with the same
 * matrix reuses it.
 */
final class LinearFlow {

    private final int n;
    /** eigenvalues λᵢ > 0 */
    private final double[] lambda;
    /** eigenvectors as columns, row-major n x n: q[r * n + i] is component r of vector i */
    private final double[] q;

    private LinearFlow(int n, double[] lambda, double[] q) {
        this.n = n;
        this.lambda = lambda;
        this.q = q;
    }

    /**
     * @param a symmetric matrix, row-major n x n
     * @param n dimension
     * @return its decomposition, or null if an eigenvalue is not positive and finite (the flow would
     *         not settle)
     */
    static LinearFlow of(double[] a, int n) {
        double[] lambda = new double[n];
        double[] q = new double[n * n];
        if (LocalQuadratic.isDiagonal(a, n)) {
            // ρI and any diagonal matrix: the axes are the eigenvectors, exactly.
            for (int i = 0; i < n; i++) {
                lambda[i] = a[i * n + i];
                q[i * n + i] = 1;
            }
        } else {
            double[][] m = new double[n][n];
            for (int r = 0; r < n; r++) {
                System.arraycopy(a, r * n, m[r], 0, n);
            }
            EigenDecompositionSymmetric e = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(m, false));
            double[] values = e.getEigenvalues();
            for (int i = 0; i < n; i++) {
                lambda[i] = values[i];
                RealVector v = e.getEigenvector(i);
                for (int r = 0; r < n; r++) {
                    q[r * n + i] = v.getEntry(r);
                }
            }
        }
        for (double l : lambda) {
            if (!(l > 0) || Double.isInfinite(l)) {
                return null;
            }
        }
        return new LinearFlow(n, lambda, q);
    }

    /**
     * Where the flow settles.
     *
     * @param state          v at the settle time (or at the limit if it did not settle)
     * @param timeConstants  the settle time in time constants
     * @param evaluations    residual evaluations the root search made
     */
    record Settle(double[] state, double timeConstants, long evaluations) { }

    /**
     * @param v0        start
     * @param b         the flow's constant term
     * @param target    residual norm at which the flow counts as settled, > 0
     * @param maxTaus   the longest the flow may run, time constants
     * @return the first time the residual norm reaches {@code target}, and the state there
     */
    Settle settle(double[] v0, double[] b, double target, double maxTaus) {
        // v* = Q Λ⁻¹ Qᵀ b; y = Qᵀ (v0 - v*); the residual's coordinates are c = Λ y.
        double[] qtb = transposeTimes(b);
        double[] qtv0 = transposeTimes(v0);
        double[] y = new double[n];
        double[] logC = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = qtv0[i] - qtb[i] / lambda[i];
            double c = Math.abs(lambda[i] * y[i]);
            logC[i] = c > 0 ? Math.log(c) : Double.NEGATIVE_INFINITY;
        }
        double logTarget = Math.log(target);
        double logR0 = logResidual(logC, 0, null);
        long evaluations = 1;
        if (logR0 <= logTarget) {
            return new Settle(stateAt(qtb, y, 0), 0, evaluations);
        }
        double lambdaMax = 0;
        for (double l : lambda) {
            lambdaMax = Math.max(lambdaMax, l);
        }
        // |r(s)| >= e^(-λmax s) |r(0)|: the root is not before this.
        double s = (logR0 - logTarget) / lambdaMax;
        double[] slope = new double[1];
        for (int k = 0; k < 200; k++) {
            double f = logResidual(logC, s, slope) - logTarget;
            evaluations++;
            if (s > maxTaus) {
                break;
            }
            if (f <= 0 || slope[0] >= 0) {
                break;
            }
            double step = -f / slope[0];
            s += step;
            if (step <= 1e-15 * s) {
                break;
            }
        }
        if (s > maxTaus && logResidual(logC, maxTaus, null) > logTarget) {
            return new Settle(stateAt(qtb, y, maxTaus), maxTaus, evaluations + 1);
        }
        return new Settle(stateAt(qtb, y, s), s, evaluations);
    }

    /**
     * @return ln |r(s)| = ½ ln Σ cᵢ² e^(−2λᵢs), summed around its largest term; the derivative
     *         d ln|r| / ds = −Σ λᵢ wᵢ (wᵢ the terms' weights) goes to {@code slope[0]} if given
     */
    private double logResidual(double[] logC, double s, double[] slope) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logC[i] - lambda[i] * s);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            if (slope != null) {
                slope[0] = 0;
            }
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            double t = Math.exp(2 * (logC[i] - lambda[i] * s - max));
            sum += t;
            weighted += lambda[i] * t;
        }
        if (slope != null) {
            slope[0] = -weighted / sum;
        }
        return max + 0.5 * Math.log(sum);
    }

    /** @return v(s) = Q (Λ⁻¹ Qᵀb + e^(−Λs) y) */
    private double[] stateAt(double[] qtb, double[] y, double s) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = qtb[i] / lambda[i] + Math.exp(-lambda[i] * s) * y[i];
        }
        double[] v = new double[n];
        for (int r = 0; r < n; r++) {
            double sum = 0;
            int row = r * n;
            for (int i = 0; i < n; i++) {
                sum += q[row + i] * z[i];
            }
            v[r] = sum;
        }
        return v;
    }

    private double[] transposeTimes(double[] x) {
        double[] out = new double[n];
        for (int r = 0; r < n; r++) {
            double xr = x[r];
            int row = r * n;
            for (int i = 0; i < n; i++) {
                out[i] += q[row + i] * xr;
            }
        }
        return out;
    }
}
