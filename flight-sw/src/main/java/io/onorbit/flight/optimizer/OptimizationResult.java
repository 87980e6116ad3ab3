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
        new SolveFigures(powerW, settleTimeS, energyJ, converged, operations); // validates
    }

    /** @param figures what the solve cost and how it ended */
    public OptimizationResult(double[] solution, SolveFigures figures) {
        this(solution, figures.powerW(), figures.settleTimeS(), figures.energyJ(), figures.converged(),
                figures.operations());
    }

    /** @return the figures without the solution */
    public SolveFigures figures() {
        return new SolveFigures(powerW, settleTimeS, energyJ, converged, operations);
    }

    /**
     * Copies the solution into {@code out} (no new array).
     *
     * @param out length {@code solution().length}
     */
    public void copySolutionTo(double[] out) {
        if (out.length != solution.length) {
            throw new IllegalArgumentException("solution has " + solution.length + " entries, out has " + out.length);
        }
        System.arraycopy(solution, 0, out, 0, solution.length);
    }

    @Override
    public double[] solution() {
        return solution.clone();
    }
}
