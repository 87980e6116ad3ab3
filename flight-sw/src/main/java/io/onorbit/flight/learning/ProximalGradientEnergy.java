package io.onorbit.flight.learning;

import io.onorbit.flight.optimizer.EnergyFunction;

/**
 * The local quadratic model of a non-quadratic loss around the current weights w0, plus a
 * proximal term: E(w) = g.(w - w0) + |w - w0|^2 / (2 eta). Its minimum, w0 - eta g, is one damped
 * SGD step, so an energy-minimizing optimizer performs exactly that step. Holds references to the
 * trainer's anchor and gradient arrays (it copies nothing), so one instance serves every update.
 */
public final class ProximalGradientEnergy implements EnergyFunction {

    private final double[] anchor;
    private final float[] gradient;
    private double eta;

    /**
     * @param anchor   w0, read at each evaluation
     * @param gradient g, read at each evaluation (same length)
     */
    public ProximalGradientEnergy(double[] anchor, float[] gradient) {
        if (anchor.length != gradient.length) {
            throw new IllegalArgumentException("proximal energy: anchor and gradient lengths differ");
        }
        this.anchor = anchor;
        this.gradient = gradient;
    }

    /** Sets the step size eta (&gt; 0). */
    public void setStepSize(double etaValue) {
        if (!(etaValue > 0)) {
            throw new IllegalArgumentException("proximal energy: step size " + etaValue + " must be > 0");
        }
        this.eta = etaValue;
    }

    @Override
    public int dimension() {
        return anchor.length;
    }

    @Override
    public double value(double[] w) {
        double lin = 0;
        double sq = 0;
        for (int i = 0; i < anchor.length; i++) {
            double d = w[i] - anchor[i];
            lin += gradient[i] * d;
            sq += d * d;
        }
        return lin + sq / (2 * eta);
    }

    @Override
    public void gradient(double[] w, double[] out) {
        for (int i = 0; i < anchor.length; i++) {
            out[i] = gradient[i] + (w[i] - anchor[i]) / eta;
        }
    }
}
