package io.onorbit.flight.learning;

import io.onorbit.flight.optimizer.EnergyFunction;

/**
 * The local quadratic model of a non-quadratic loss around the current weights w0, plus a
 * proximal term, written in the step d = w - w0 and scaled by the step size eta:
 * E(d) = eta g.d + |d|^2 / 2. Its minimum, d = -eta g, is one damped SGD step, so an
 * energy-minimizing optimizer performs exactly that step. Posing it in d (start 0) rather than in
 * w keeps an analog engine's relative errors (gain mismatch, converter quantization) relative to
 * the step, not to the weights, so they vanish as training converges instead of accumulating.
 * The Hessian is the identity, so an optimizer that replaces a non-quadratic energy by its own
 * proximal model with strength 1 (as the flight optimizers do by default) takes the same step.
 * Holds a reference to the trainer's gradient array (it copies nothing), so one instance serves
 * every update.
 */
public final class ProximalGradientEnergy implements EnergyFunction {

    private final float[] gradient;
    private double eta;

    /** @param gradient g, read at each evaluation */
    public ProximalGradientEnergy(float[] gradient) {
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
        return gradient.length;
    }

    @Override
    public double value(double[] d) {
        double lin = 0;
        double sq = 0;
        for (int i = 0; i < gradient.length; i++) {
            lin += gradient[i] * d[i];
            sq += d[i] * d[i];
        }
        return eta * lin + 0.5 * sq;
    }

    @Override
    public void gradient(double[] d, double[] out) {
        for (int i = 0; i < gradient.length; i++) {
            out[i] = eta * gradient[i] + d[i];
        }
    }
}
