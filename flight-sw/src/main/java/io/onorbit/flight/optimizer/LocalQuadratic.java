package io.onorbit.flight.optimizer;

import java.util.Optional;

/**
 * The quadratic an optimizer actually solves for an energy: the energy itself if it is a
 * {@link QuadraticEnergy}; otherwise its proximal local model around the start point,
 * E(w0) + g·(w - w0) + ρ/2 |w - w0|², i.e. A = ρI, b = ρ·w0 - g, whose minimizer w0 - g/ρ is one
 * gradient step of length 1/ρ (how non-quadratic losses are handled: one damped step per solve).
 * A is held diagonal whenever it is ({@link SymmetricMatrix}).
 */
final class LocalQuadratic {

    final int n;
    final SymmetricMatrix a;
    final double[] b;

    private LocalQuadratic(SymmetricMatrix a, double[] b) {
        this.n = b.length;
        this.a = a;
        this.b = b;
    }

    static LocalQuadratic of(EnergyFunction energy, double[] start, double proximalStrength) {
        int n = energy.dimension();
        if (start.length != n) {
            throw new IllegalArgumentException("start has " + start.length + " entries, energy dimension is " + n);
        }
        if (energy instanceof QuadraticEnergy q) {
            return new LocalQuadratic(SymmetricMatrix.of(q.matrix(), n), q.linearTerm());
        }
        double[] g = new double[n];
        energy.gradient(start, g);
        double[] d = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = proximalStrength;
            b[i] = proximalStrength * start[i] - g[i];
        }
        return new LocalQuadratic(SymmetricMatrix.diagonal(d), b);
    }

    /** @return the same quadratic with A held dense (the general arithmetic, for tests) */
    LocalQuadratic withDenseMatrix() {
        return new LocalQuadratic(SymmetricMatrix.dense(a.toRowMajor(), n), b);
    }

    /**
     * @return the exact minimizer A⁻¹b (Cholesky), or empty if A is not positive definite or an
     *         entry of A or b is not finite (the problem has no unique minimum)
     */
    Optional<double[]> exactMinimizer() {
        if (!allFinite(b)) {
            return Optional.empty();
        }
        return a.solve(b);
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
            double a = Math.abs(x);
            // Math.max(m, a) (a NaN sticks), without its slower intrinsic
            m = a > m || a != a ? a : m;
        }
        return m;
    }
}
