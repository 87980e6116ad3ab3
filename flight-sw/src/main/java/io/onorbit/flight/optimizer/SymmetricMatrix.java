package io.onorbit.flight.optimizer;

import java.util.Arrays;
import java.util.Optional;

/**
 * A symmetric n x n matrix as the optimizers hold it: dense (row-major) or, when every entry off
 * the diagonal is zero, only its diagonal. The proximal model ρI that every non-quadratic energy
 * becomes, and the crossbar programmed from it, are diagonal: holding them as n numbers makes
 * their programming, definiteness check, residuals and decomposition O(n) instead of O(n²) to
 * O(n³) for the trainer's hundreds of parameters, with the same numbers as the dense arithmetic
 * (the terms a dense loop adds for the zero entries are zeros). Immutable: the factories take
 * ownership of the array they are given, which nothing else keeps.
 */
sealed interface SymmetricMatrix permits SymmetricMatrix.Dense, SymmetricMatrix.Diagonal {

    /**
     * @param rowMajor n x n, symmetric; owned by the result from now on
     * @param n        dimension
     * @return the diagonal form if every entry off the diagonal is zero, else the dense form
     */
    static SymmetricMatrix of(double[] rowMajor, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && rowMajor[i * n + j] != 0) {
                    return new Dense(rowMajor, n);
                }
            }
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rowMajor[i * n + i];
        }
        return new Diagonal(d);
    }

    /** @param d the diagonal, owned by the result from now on */
    static SymmetricMatrix diagonal(double[] d) {
        return new Diagonal(d);
    }

    /**
     * The dense form even of a diagonal matrix: the general arithmetic, which tests hold the
     * diagonal form against.
     */
    static SymmetricMatrix dense(double[] rowMajor, int n) {
        return new Dense(rowMajor, n);
    }

    /** How one stored cell (row, column ≥ row) is programmed: its new value from the old. */
    @FunctionalInterface
    interface CellProgram {
        double apply(int row, int column, double value);
    }

    int n();

    boolean allFinite();

    /** @return the largest |entry| */
    double maxAbs();

    /** @return the largest row sum of |entries| (Gershgorin's bound on the largest eigenvalue) */
    double maxAbsRowSum();

    /**
     * @param v   point, length n
     * @param b   linear term, length n
     * @param out receives (Av − b)ᵢ, or null
     * @return |Av − b|
     */
    double residual(double[] v, double[] b, double[] out);

    /** @return the matrix whose cell (i, j ≥ i) is {@code program.apply(i, j, a_ij)}, kept symmetric */
    SymmetricMatrix programmed(CellProgram program);

    /** @return true if the Cholesky factor exists (every pivot &gt; 0 and finite) */
    boolean positiveDefinite();

    /**
     * @param b right-hand side, finite
     * @return A⁻¹b by Cholesky, or empty if A is not positive definite or the solution not finite
     */
    Optional<double[]> solve(double[] b);

    /** @return the flow's eigendecomposition, or null if an eigenvalue is not &gt; 0 and finite */
    LinearFlow decomposition();

    /** @return true if {@code other} has the same form and bit-for-bit the same entries */
    boolean sameEntries(SymmetricMatrix other);

    /** @return the matrix row-major, n x n (a copy) */
    double[] toRowMajor();

    /** The general form. */
    final class Dense implements SymmetricMatrix {
        private final int n;
        private final double[] a;

        private Dense(double[] a, int n) {
            if (a.length != n * n) {
                throw new IllegalArgumentException("matrix has " + a.length + " entries, expected " + n * n);
            }
            this.n = n;
            this.a = a;
        }

        @Override
        public int n() {
            return n;
        }

        @Override
        public boolean allFinite() {
            return LocalQuadratic.allFinite(a);
        }

        @Override
        public double maxAbs() {
            return LocalQuadratic.maxAbs(a);
        }

        @Override
        public double maxAbsRowSum() {
            double max = 0;
            for (int i = 0; i < n; i++) {
                double row = 0;
                for (int j = 0; j < n; j++) {
                    row += Math.abs(a[i * n + j]);
                }
                max = Math.max(max, row);
            }
            return max;
        }

        @Override
        public double residual(double[] v, double[] b, double[] out) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double r = -b[i];
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    r += a[row + j] * v[j];
                }
                if (out != null) {
                    out[i] = r;
                }
                sum += r * r;
            }
            return Math.sqrt(sum);
        }

        @Override
        public SymmetricMatrix programmed(CellProgram program) {
            double[] p = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    double v = program.apply(i, j, a[i * n + j]);
                    p[i * n + j] = v;
                    p[j * n + i] = v;
                }
            }
            // Cells that program to zero may leave a diagonal matrix, which the fast form then serves.
            return of(p, n);
        }

        @Override
        public boolean positiveDefinite() {
            return cholesky().isPresent();
        }

        @Override
        public Optional<double[]> solve(double[] b) {
            Optional<double[]> factor = cholesky();
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
            return LocalQuadratic.allFinite(x) ? Optional.of(x) : Optional.empty();
        }

        /** @return L (row-major, lower triangular) with A = L Lᵀ, or empty if a pivot is not &gt; 0 or not finite */
        private Optional<double[]> cholesky() {
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

        @Override
        public LinearFlow decomposition() {
            return LinearFlow.of(a, n);
        }

        @Override
        public boolean sameEntries(SymmetricMatrix other) {
            return other instanceof Dense d && Arrays.equals(a, d.a);
        }

        @Override
        public double[] toRowMajor() {
            return a.clone();
        }
    }

    /** Only the diagonal; every entry off it is zero. */
    final class Diagonal implements SymmetricMatrix {
        private final double[] d;

        private Diagonal(double[] d) {
            this.d = d;
        }

        @Override
        public int n() {
            return d.length;
        }

        @Override
        public boolean allFinite() {
            return LocalQuadratic.allFinite(d);
        }

        @Override
        public double maxAbs() {
            return LocalQuadratic.maxAbs(d);
        }

        @Override
        public double maxAbsRowSum() {
            return LocalQuadratic.maxAbs(d);
        }

        @Override
        public double residual(double[] v, double[] b, double[] out) {
            double sum = 0;
            for (int i = 0; i < d.length; i++) {
                double r = d[i] * v[i] - b[i];
                if (out != null) {
                    out[i] = r;
                }
                sum += r * r;
            }
            return Math.sqrt(sum);
        }

        @Override
        public SymmetricMatrix programmed(CellProgram program) {
            double[] p = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                p[i] = program.apply(i, i, d[i]);
            }
            return new Diagonal(p);
        }

        @Override
        public boolean positiveDefinite() {
            for (double x : d) {
                if (!(x > 0) || Double.isInfinite(x)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Optional<double[]> solve(double[] b) {
            if (!positiveDefinite()) {
                return Optional.empty();
            }
            double[] x = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                // the Cholesky factor's forward and back substitution, so the same roundings
                double l = Math.sqrt(d[i]);
                x[i] = b[i] / l / l;
            }
            return LocalQuadratic.allFinite(x) ? Optional.of(x) : Optional.empty();
        }

        @Override
        public LinearFlow decomposition() {
            return LinearFlow.ofDiagonal(d);
        }

        @Override
        public boolean sameEntries(SymmetricMatrix other) {
            return other instanceof Diagonal o && Arrays.equals(d, o.d);
        }

        @Override
        public double[] toRowMajor() {
            int n = d.length;
            double[] a = new double[n * n];
            for (int i = 0; i < n; i++) {
                a[i * n + i] = d[i];
            }
            return a;
        }
    }
}
