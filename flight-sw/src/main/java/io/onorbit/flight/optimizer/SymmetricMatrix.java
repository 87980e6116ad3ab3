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
abstract sealed class SymmetricMatrix permits SymmetricMatrix.Dense, SymmetricMatrix.Diagonal {

    final int n;
    /** the entries held: n x n row-major (dense) or the n diagonal entries */
    final double[] stored;

    private SymmetricMatrix(int n, double[] stored) {
        this.n = n;
        this.stored = stored;
    }

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

    final int n() {
        return n;
    }

    final boolean allFinite() {
        return LocalQuadratic.allFinite(stored);
    }

    /** @return the largest |entry| */
    final double maxAbs() {
        return LocalQuadratic.maxAbs(stored);
    }

    /** @return true if {@code other} has the same form and bit-for-bit the same entries */
    final boolean sameEntries(SymmetricMatrix other) {
        return other != null && other.getClass() == getClass() && Arrays.equals(stored, other.stored);
    }

    /** @return the largest row sum of |entries| (Gershgorin's bound on the largest eigenvalue) */
    abstract double maxAbsRowSum();

    /**
     * @param v   point, length n
     * @param b   linear term, length n
     * @param out receives (Av − b)ᵢ, or null
     * @return |Av − b|
     */
    final double residual(double[] v, double[] b, double[] out) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double r = residualAt(i, v, b);
            if (out != null) {
                out[i] = r;
            }
            sum += r * r;
        }
        return Math.sqrt(sum);
    }

    /** @return (Av − b)ᵢ */
    abstract double residualAt(int i, double[] v, double[] b);

    /** @return the matrix whose cell (i, j ≥ i) is {@code program.apply(i, j, a_ij)}, kept symmetric */
    final SymmetricMatrix programmed(CellProgram program) {
        return programmed(program, null);
    }

    /**
     * @param into    for the diagonal form, an array of length n the result holds (overwritten; the
     *                result is valid until it is written again), so that programming allocates none;
     *                null for a new one. The dense form always programs into a new array.
     * @return the matrix whose cell (i, j ≥ i) is {@code program.apply(i, j, a_ij)}, kept symmetric
     */
    abstract SymmetricMatrix programmed(CellProgram program, double[] into);

    /** @return the same matrix in an array of its own (for a matrix kept beyond its buffer's next use) */
    final SymmetricMatrix copy() {
        return this instanceof Diagonal ? new Diagonal(stored.clone()) : new Dense(stored.clone(), n);
    }

    /** @return true if the Cholesky factor exists (every pivot &gt; 0 and finite) */
    abstract boolean positiveDefinite();

    /**
     * @param b right-hand side, finite
     * @return A⁻¹b by Cholesky, or empty if A is not positive definite or the solution not finite
     */
    abstract Optional<double[]> solve(double[] b);

    /** @return the flow's eigendecomposition, or null if an eigenvalue is not &gt; 0 and finite */
    abstract LinearFlow decomposition();

    /** @return the matrix row-major, n x n (a copy) */
    abstract double[] toRowMajor();

    /** The general form. */
    static final class Dense extends SymmetricMatrix {
        private final double[] a;

        private Dense(double[] a, int n) {
            super(n, a);
            if (a.length != n * n) {
                throw new IllegalArgumentException("matrix has " + a.length + " entries, expected " + n * n);
            }
            this.a = a;
        }

        @Override
        double maxAbsRowSum() {
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
        double residualAt(int i, double[] v, double[] b) {
            double r = -b[i];
            int row = i * n;
            for (int j = 0; j < n; j++) {
                r += a[row + j] * v[j];
            }
            return r;
        }

        @Override
        SymmetricMatrix programmed(CellProgram program, double[] into) {
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
        boolean positiveDefinite() {
            return cholesky().isPresent();
        }

        @Override
        Optional<double[]> solve(double[] b) {
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
        LinearFlow decomposition() {
            return LinearFlow.of(a, n);
        }

        @Override
        double[] toRowMajor() {
            return a.clone();
        }
    }

    /** Only the diagonal; every entry off it is zero. */
    static final class Diagonal extends SymmetricMatrix {
        private final double[] d;

        private Diagonal(double[] d) {
            super(d.length, d);
            this.d = d;
        }

        @Override
        double maxAbsRowSum() {
            return maxAbs();
        }

        @Override
        double residualAt(int i, double[] v, double[] b) {
            return d[i] * v[i] - b[i];
        }

        @Override
        SymmetricMatrix programmed(CellProgram program, double[] into) {
            double[] p = into != null ? into : new double[d.length];
            for (int i = 0; i < d.length; i++) {
                p[i] = program.apply(i, i, d[i]);
            }
            return new Diagonal(p);
        }

        @Override
        boolean positiveDefinite() {
            for (double x : d) {
                if (!(x > 0) || Double.isInfinite(x)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        Optional<double[]> solve(double[] b) {
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
        LinearFlow decomposition() {
            return LinearFlow.ofDiagonal(d);
        }

        @Override
        double[] toRowMajor() {
            int n = d.length;
            double[] a = new double[n * n];
            for (int i = 0; i < n; i++) {
                a[i * n + i] = d[i];
            }
            return a;
        }
    }
}
