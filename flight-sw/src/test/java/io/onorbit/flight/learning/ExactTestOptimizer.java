package io.onorbit.flight.learning;

import io.onorbit.flight.optimizer.EnergyFunction;
import io.onorbit.flight.optimizer.OptimizationResult;
import io.onorbit.flight.optimizer.Optimizer;
import io.onorbit.flight.optimizer.PowerEnvelopeException;

/**
 * Test-only optimizer: conjugate gradients on a quadratic energy, with Hessian-vector products
 * taken as gradient differences (exact for a quadratic), so it reaches the exact minimum in at
 * most n iterations. Charges a fixed energy per gradient evaluation.
 */
final class ExactTestOptimizer implements Optimizer {

    static final double JOULES_PER_GRADIENT = 1e-6;
    private final double minPowerW;

    ExactTestOptimizer(double minPowerW) {
        this.minPowerW = minPowerW;
    }

    @Override
    public String name() {
        return "test-cg";
    }

    @Override
    public double minimumOperatingPowerW() {
        return minPowerW;
    }

    @Override
    public OptimizationResult minimize(EnergyFunction e, double[] start, double maxPowerW) {
        if (maxPowerW < minPowerW) {
            throw new PowerEnvelopeException("test optimizer needs " + minPowerW + " W");
        }
        int n = e.dimension();
        double[] w = start.clone();
        double[] r = new double[n];
        double[] g0 = new double[n];
        double[] wp = new double[n];
        double[] gp = new double[n];
        e.gradient(w, g0);
        long evals = 1;
        for (int i = 0; i < n; i++) {
            r[i] = -g0[i];
        }
        double[] p = r.clone();
        double rr = dot(r, r);
        for (int it = 0; it < n && rr > 1e-28; it++) {
            for (int i = 0; i < n; i++) {
                wp[i] = w[i] + p[i];
            }
            e.gradient(wp, gp);
            e.gradient(w, g0);
            evals += 2;
            double[] ap = new double[n];
            for (int i = 0; i < n; i++) {
                ap[i] = gp[i] - g0[i];
            }
            double alpha = rr / dot(p, ap);
            for (int i = 0; i < n; i++) {
                w[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }
            double rrNew = dot(r, r);
            for (int i = 0; i < n; i++) {
                p[i] = r[i] + rrNew / rr * p[i];
            }
            rr = rrNew;
        }
        return new OptimizationResult(w, maxPowerW, evals * 1e-6, evals * JOULES_PER_GRADIENT, true, evals);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
