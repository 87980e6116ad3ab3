package io.onorbit.flight.optimizer;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One analog solve with its accuracy against the exact minimizer of the same quadratic.
 *
 * @param result            the optimizer's result (solution, power W, settle time s, energy J)
 * @param exactMinimizer    the exact minimizer A⁻¹b of the quadratic posed (no quantization,
 *                          mismatch or noise); empty if the posed matrix is not positive definite
 *                          or not finite (no unique minimum)
 * @param relativeError     |solution - exact| / |exact| (2-norms; absolute error if exact is 0);
 *                          empty when there is no exact minimizer
 * @param tauS              the circuit time constant at the chosen power, s
 * @param conversionEnergyJ DAC and ADC energy included in {@code result.energyJ()}, J
 * @param outcome           how the solve ended
 */
public record AnalogSolve(OptimizationResult result, Optional<double[]> exactMinimizer, OptionalDouble relativeError,
                          double tauS, double conversionEnergyJ, Outcome outcome) {

    /** How an analog solve ended. */
    public enum Outcome {
        /** The flow reached the settle tolerance. */
        SETTLED,
        /** The flow ran to its time limit without settling. */
        NOT_SETTLED,
        /**
         * The programmed matrix (after DAC quantization and gain mismatch) is not positive
         * definite, or the problem holds a non-finite value: the gradient flow would diverge, so
         * the engine is not run and the start point is returned.
         */
        NOT_DEFINITE,
        /** The integration itself failed (e.g. a non-finite state); the start point is returned. */
        DIVERGED
    }

    public AnalogSolve {
        exactMinimizer = exactMinimizer.map(double[]::clone);
    }

    @Override
    public Optional<double[]> exactMinimizer() {
        return exactMinimizer.map(double[]::clone);
    }
}
