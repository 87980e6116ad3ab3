package io.onorbit.flight.optimizer;

import java.util.SplittableRandom;

/** Seeded random symmetric positive-definite quadratics with a known condition-number range. */
final class RandomQuadratics {

    private RandomQuadratics() {
    }

    /** A = MᵀM / n + I (eigenvalues in [1, ~5]), b uniform in [-1, 1]. */
    static QuadraticEnergy spd(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] mm = new double[n * n];
        for (int i = 0; i < mm.length; i++) {
            mm[i] = r.nextDouble(-1, 1);
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += mm[k * n + i] * mm[k * n + j];
                }
                a[i * n + j] = s / n + (i == j ? 1 : 0);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                a[i * n + j] = a[j * n + i];
            }
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextDouble(-1, 1);
        }
        return new QuadraticEnergy(a, b);
    }

    /** @return n values uniform in [lo, hi) */
    static double[] uniform(SplittableRandom r, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(lo, hi);
        }
        return v;
    }

    /** @return the row-major n x n matrix whose diagonal is d and every other entry zero */
    static double[] diagonalMatrix(double[] d) {
        int n = d.length;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = d[i];
        }
        return a;
    }

    /** Solves A x = b by Gaussian elimination with partial pivoting (independent of the code under test). */
    static double[] solve(QuadraticEnergy q) {
        int n = q.dimension();
        double[] a = q.matrix();
        double[] b = q.linearTerm();
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) {
                    p = r;
                }
            }
            for (int k = 0; k < n; k++) {
                double t = a[c * n + k];
                a[c * n + k] = a[p * n + k];
                a[p * n + k] = t;
            }
            double t = b[c];
            b[c] = b[p];
            b[p] = t;
            for (int r = c + 1; r < n; r++) {
                double f = a[r * n + c] / a[c * n + c];
                for (int k = c; k < n; k++) {
                    a[r * n + k] -= f * a[c * n + k];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) {
                s -= a[i * n + k] * x[k];
            }
            x[i] = s / a[i * n + i];
        }
        return x;
    }

    static double relativeError(double[] x, double[] exact) {
        double d = 0;
        double e = 0;
        for (int i = 0; i < x.length; i++) {
            d += (x[i] - exact[i]) * (x[i] - exact[i]);
            e += exact[i] * exact[i];
        }
        return Math.sqrt(d / e);
    }

    /** Smallest eigenvalue lower bound by Gershgorin (A is SPD and diagonally dominant here or not: clamp). */
    static double frobenius(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
