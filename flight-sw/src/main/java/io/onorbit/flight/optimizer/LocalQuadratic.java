package io.onorbit.flight.optimizer;

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

    /** @return the exact minimizer A⁻¹b (Cholesky; A must be positive definite) */
    double[] exactMinimizer() {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("energy matrix is not positive definite");
                    }
                    l[i * n + i] = Math.sqrt(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
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
        return x;
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
