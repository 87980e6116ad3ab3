package io.onorbit.flight.optimizer;

/**
 * Outcome of one update.
 *
 * @param solution    the point reached
 * @param powerW      operating power drawn while solving, W
 * @param settleTimeS time to settle (analog) or compute (digital), s
 * @param energyJ     total energy spent: power x time plus conversions or memory traffic, J
 * @param converged   true if it settled to its tolerance
 * @param operations  iterations (digital) or integrator steps (analog), for reports
 */
public record OptimizationResult(double[] solution, double powerW, double settleTimeS, double energyJ,
                                 boolean converged, long operations) {

    public OptimizationResult {
        solution = solution.clone();
        if (!(powerW >= 0) || !(settleTimeS >= 0) || !(energyJ >= 0)) {
            throw new IllegalArgumentException("optimization result: power, time and energy must be >= 0");
        }
    }

    @Override
    public double[] solution() {
        return solution.clone();
    }
}
