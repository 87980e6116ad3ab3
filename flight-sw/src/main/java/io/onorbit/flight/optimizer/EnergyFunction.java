package io.onorbit.flight.optimizer;

/**
 * A differentiable energy E(w) over R^n whose minimum is the training update.
 *
 * <p>For the trainable layer under squared error the energy is exactly quadratic
 * ({@link QuadraticEnergy}); a non-quadratic loss is handled by its local quadratic model around
 * the current weights (gradient plus a proximal term), whose minimum is one damped step.
 */
public interface EnergyFunction {

    /** @return number of variables n */
    int dimension();

    /** @return E(w) */
    double value(double[] w);

    /**
     * Writes grad E(w) into {@code out}.
     *
     * @param w   point, length n
     * @param out gradient, length n (overwritten)
     */
    void gradient(double[] w, double[] out);
}
