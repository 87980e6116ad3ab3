package io.onorbit.verification.review;

import io.onorbit.ground.aggregation.LinearValidationSet;
import java.util.SplittableRandom;

/**
 * A small stand-in task for review demos and aggregation facts: linear regression
 * y = w* . x + noise, x ~ N(0, I_d), noise ~ N(0, sigma^2). The deployed global model has drifted
 * from w*; each satellite refits on its own few samples (ordinary least squares) and sends
 * local - global as its delta.
 *
 * <p>Fact used by the tests: for x ~ N(0, I), the expected squared error of weights w is
 * sigma^2 + |w - w*|^2 exactly, which checks the sampled validation MSE independently.
 */
public final class StandInRegressionTask {

    /** Number of features = model parameters. */
    public final int dimension;
    /** Label noise, standard deviation. */
    public final double noiseSigma;
    private final double[] truth;
    private final float[] deployed;

    /**
     * @param dimension  features (&gt; 0)
     * @param noiseSigma label noise sigma (&ge; 0)
     * @param driftSigma how far (per weight, sigma) the deployed model is from the truth
     * @param seed       seed of truth and deployed model
     */
    public StandInRegressionTask(int dimension, double noiseSigma, double driftSigma, long seed) {
        this.dimension = dimension;
        this.noiseSigma = noiseSigma;
        SplittableRandom r = new SplittableRandom(seed);
        truth = new double[dimension];
        deployed = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            truth[i] = r.nextGaussian();
            deployed[i] = (float) (truth[i] + driftSigma * r.nextGaussian());
        }
    }

    /** @return the deployed (drifted) model's weights, a copy */
    public float[] deployed() {
        return deployed.clone();
    }

    /** @return n samples: rows of features with the target appended */
    public double[][] samples(int n, SplittableRandom r) {
        double[][] rows = new double[n][dimension + 1];
        for (int k = 0; k < n; k++) {
            double y = 0;
            for (int i = 0; i < dimension; i++) {
                rows[k][i] = r.nextGaussian();
                y += truth[i] * rows[k][i];
            }
            rows[k][dimension] = y + noiseSigma * r.nextGaussian();
        }
        return rows;
    }

    /** @return a validation set of n samples */
    public LinearValidationSet validationSet(int n, long seed) {
        double[][] rows = samples(n, new SplittableRandom(seed));
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = java.util.Arrays.copyOf(rows[k], dimension);
            y[k] = rows[k][dimension];
        }
        return new LinearValidationSet(x, y);
    }

    /** @return sigma^2 + |w - w*|^2, the exact expected MSE of w */
    public double expectedError(float[] w) {
        double s = noiseSigma * noiseSigma;
        for (int i = 0; i < dimension; i++) {
            double e = w[i] - truth[i];
            s += e * e;
        }
        return s;
    }

    /** @return the ordinary least-squares fit to {@code rows} (normal equations, Gaussian elimination) */
    public float[] leastSquares(double[][] rows) {
        int d = dimension;
        double[][] a = new double[d][d + 1];
        for (double[] row : rows) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    a[i][j] += row[i] * row[j];
                }
                a[i][d] += row[i] * row[d];
            }
        }
        for (int c = 0; c < d; c++) {
            int p = c;
            for (int r = c + 1; r < d; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            for (int r = 0; r < d; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= d; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        float[] w = new float[d];
        for (int i = 0; i < d; i++) {
            w[i] = (float) (a[i][d] / a[i][i]);
        }
        return w;
    }
}
