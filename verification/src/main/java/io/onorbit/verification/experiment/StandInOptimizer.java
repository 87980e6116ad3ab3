package io.onorbit.verification.experiment;

import io.onorbit.flight.optimizer.EnergyFunction;
import io.onorbit.flight.optimizer.OptimizationResult;
import io.onorbit.flight.optimizer.Optimizer;
import io.onorbit.flight.optimizer.PowerEnvelopeException;

/**
 * Stand-in used by {@code experiment drift} while no flight optimizer is in main: conjugate
 * gradients on the (quadratic) update energy, with Hessian-vector products from gradient
 * differences, so it reaches the exact minimum in at most n iterations. Energy is counted like a
 * CPU baseline: 2 n^2 multiply-adds per gradient evaluation at 1 nJ each, drawn at the lower of the
 * envelope and 0.5 W, minimum operating power 0.05 W.
 */
final class StandInOptimizer implements Optimizer {

    static final double JOULES_PER_MAC = 1e-9;
    static final double MIN_POWER_W = 0.05;
    static final double MAX_POWER_W = 0.5;

    @Override
    public String name() {
        return "stand-in-cg";
    }

    @Override
    public double minimumOperatingPowerW() {
        return MIN_POWER_W;
    }

    @Override
    public OptimizationResult minimize(EnergyFunction e, double[] start, double maxPowerW) {
        if (maxPowerW < MIN_POWER_W) {
            throw new PowerEnvelopeException("stand-in optimizer needs " + MIN_POWER_W + " W, envelope is " + maxPowerW + " W");
        }
        int n = e.dimension();
        double[] w = start.clone();
        double[] g = new double[n];
        double[] gp = new double[n];
        double[] wp = new double[n];
        double[] ap = new double[n];
        e.gradient(w, g);
        long evals = 1;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = -g[i];
        }
        double[] p = r.clone();
        double rr = dot(r, r);
        for (int it = 0; it < n && rr > 1e-24; it++) {
            for (int i = 0; i < n; i++) {
                wp[i] = w[i] + p[i];
            }
            e.gradient(wp, gp);
            e.gradient(w, g);
            evals += 2;
            for (int i = 0; i < n; i++) {
                ap[i] = gp[i] - g[i];
            }
            double pap = dot(p, ap);
            if (!(pap > 0)) {
                break;
            }
            double alpha = rr / pap;
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
        double energyJ = evals * 2.0 * n * n * JOULES_PER_MAC;
        double powerW = Math.min(maxPowerW, MAX_POWER_W);
        return new OptimizationResult(w, powerW, energyJ / powerW, energyJ, rr <= 1e-24, evals);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
