package io.onorbit.flight.optimizer;

import java.util.SplittableRandom;

/**
 * The fixed relative gain mismatch of an n-variable crossbar's devices: 1 + σ·g for the matrix cell
 * (row, column ≥ row) and for the input of each row, g a standard normal drawn from the seed and the
 * device's position alone (its own generator), so a device has the same gain on every solve and in
 * whatever order gains are asked for. The diagonal cells and the inputs (all a diagonal matrix
 * uses) are drawn at once, the n(n−1)/2 cells off the diagonal only when a dense matrix first asks.
 */
final class DeviceMismatch {

    private final int n;
    private final double sigma;
    private final long seed;
    private final double[] diagonalGains;
    private final double[] inputGains;
    /** row-major n x n, upper triangle; null until a cell off the diagonal is asked for */
    private double[] cellGains;

    /**
     * @param n     variables
     * @param sigma relative gain mismatch, 1 sigma
     * @param seed  the engine's seed
     */
    DeviceMismatch(int n, double sigma, long seed) {
        this.n = n;
        this.sigma = sigma;
        this.seed = seed;
        this.diagonalGains = new double[n];
        this.inputGains = new double[n];
        for (int i = 0; i < n; i++) {
            diagonalGains[i] = gain(i, i);
            inputGains[i] = gain(i, n + i);
        }
    }

    int n() {
        return n;
    }

    /** @return the gain of matrix cell (row, column), column ≥ row */
    double cell(int row, int column) {
        if (row == column) {
            return diagonalGains[row];
        }
        if (cellGains == null) {
            double[] g = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    g[i * n + j] = gain(i, j);
                }
            }
            cellGains = g;
        }
        return cellGains[row * n + column];
    }

    /** @return the gain of row {@code row}'s input (the b entry) */
    double input(int row) {
        return inputGains[row];
    }

    /** The device at (row, column): inputs sit at column n + row. */
    private double gain(int row, int column) {
        long key = seed * 0x9E3779B97F4A7C15L + ((long) row << 32) + column;
        return 1 + sigma * standardNormal(new SplittableRandom(key));
    }

    /** @return one standard normal from {@code r} (Box-Muller, one value) */
    private static double standardNormal(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
