package io.onorbit.flight.optimizer;

import java.util.Optional;

/**
 * The quadratic an optimizer actually solves for an energy: the energy itself if it is a
 * {@link QuadraticEnergy}; otherwise its proximal local model around the start point,
 * E(w0) + g·(w - w0) + ρ/2 |w - w0|², i.e. A = ρI, b = ρ·w0 - g, whose minimizer w0 - g/ρ is one
 * gradient step of length 1/ρ (how non-quadratic losses are handled: one damped step per solve).
 */
final class LocalQuadratic {

    final int n;
    /** row-major n x n */
    final double[] a;
    final double[] b;

    private LocalQuadratic(int n, double[] a, double[] b) {
        this.n = n;
        this.a = a;
        this.b = b;
    }

    static LocalQuadratic of(EnergyFunction energy, double[] start, double proximalStrength) {
        int n = energy.dimension();
        if (start.length != n) {
            throw new IllegalArgumentException("start has " + start.length + " entries, energy dimension is " + n);
        }
        if (energy instanceof QuadraticEnergy q) {
            return new LocalQuadratic(n, q.matrix(), q.linearTerm());
        }
        double[] g = new double[n];
        energy.gradient(start, g);
        double[] a = new double[n * n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = proximalStrength;
            b[i] = proximalStrength * start[i] - g[i];
        }
        return new LocalQuadratic(n, a, b);
    }

    /**
     * @return the exact minimizer A⁻¹b (Cholesky), or empty if A is not positive definite or an
     *         entry of A or b is not finite (the problem has no unique minimum)
     */
    Optional<double[]> exactMinimizer() {
        if (!allFinite(b)) {
            return Optional.empty();
        }
        Optional<double[]> factor = cholesky(a, n);
        if (factor.isEmpty()) {
            return Optional.empty();
        }
        double[] l = factor.get();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * y[k];
            }
            y[i] = s / l[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
        return allFinite(x) ? Optional.of(x) : Optional.empty();
    }

    /**
     * Cholesky factor of a symmetric matrix.
     *
     * @param a row-major n x n, symmetric (only the lower triangle is read)
     * @return L (row-major, lower triangular) with A = L Lᵀ, or empty if A is not positive
     *         definite (a pivot &le; 0) or holds a non-finite entry
     */
    static Optional<double[]> cholesky(double[] a, int n) {
        if (isDiagonal(a, n)) {
            // The proximal model rho I (what every non-quadratic energy becomes) needs no O(n^3) work.
            double[] l = new double[n * n];
            for (int i = 0; i < n; i++) {
                double d = a[i * n + i];
                if (!(d > 0) || Double.isInfinite(d)) {
                    return Optional.empty();
                }
                l[i * n + i] = Math.sqrt(d);
            }
            return Optional.of(l);
        }
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    if (!(s > 0) || Double.isInfinite(s)) {
                        return Optional.empty();
                    }
                    l[i * n + i] = Math.sqrt(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                    if (!Double.isFinite(l[i * n + j])) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.of(l);
    }

    static boolean isDiagonal(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && a[i * n + j] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
