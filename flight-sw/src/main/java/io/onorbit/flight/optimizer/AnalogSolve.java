package io.onorbit.flight.optimizer;

/**
 * One analog solve with its accuracy against the exact minimizer of the same quadratic.
 *
 * @param result          the optimizer's result (solution, power W, settle time s, energy J)
 * @param exactMinimizer  the exact minimizer A⁻¹b of the quadratic posed (no quantization, mismatch or noise)
 * @param relativeError   |solution - exact| / |exact| (2-norms; absolute error if exact is 0)
 * @param tauS            the circuit time constant at the chosen power, s
 * @param conversionEnergyJ DAC and ADC energy included in {@code result.energyJ()}, J
 */
public record AnalogSolve(OptimizationResult result, double[] exactMinimizer, double relativeError, double tauS,
                          double conversionEnergyJ) {

    public AnalogSolve {
        exactMinimizer = exactMinimizer.clone();
    }

    @Override
    public double[] exactMinimizer() {
        return exactMinimizer.clone();
    }
}
