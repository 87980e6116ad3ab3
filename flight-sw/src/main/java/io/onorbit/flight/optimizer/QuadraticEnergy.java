package io.onorbit.flight.optimizer;

/**
 * E(w) = 1/2 w^T A w - b^T w with A symmetric positive definite (row-major, n x n).
 * Its unique minimizer solves A w = b.
 */
public final class QuadraticEnergy implements EnergyFunction {

    private final int n;
    private final double[] a;
    private final double[] b;

    /**
     * @param a row-major symmetric positive-definite matrix, length n*n
     * @param b linear term, length n
     */
    public QuadraticEnergy(double[] a, double[] b) {
        this.n = b.length;
        if (a.length != n * n) {
            throw new IllegalArgumentException("quadratic energy: A has " + a.length + " entries, expected " + n * n);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (Math.abs(a[i * n + j] - a[j * n + i]) > 1e-9 * (1 + Math.abs(a[i * n + j]))) {
                    throw new IllegalArgumentException("quadratic energy: A is not symmetric at (" + i + ", " + j + ")");
                }
            }
        }
        this.a = a.clone();
        this.b = b.clone();
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] w) {
        double quad = 0;
        double lin = 0;
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) {
                row += a[i * n + j] * w[j];
            }
            quad += w[i] * row;
            lin += b[i] * w[i];
        }
        return 0.5 * quad - lin;
    }

    @Override
    public void gradient(double[] w, double[] out) {
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) {
                row += a[i * n + j] * w[j];
            }
            out[i] = row - b[i];
        }
    }

    /** @return a copy of A, row-major */
    public double[] matrix() {
        return a.clone();
    }

    /** @return a copy of b */
    public double[] linearTerm() {
        return b.clone();
    }
}
