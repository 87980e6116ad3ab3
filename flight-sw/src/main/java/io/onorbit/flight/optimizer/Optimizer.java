package io.onorbit.flight.optimizer;

/**
 * Solves one training update: finds the minimum of an energy function while drawing no more
 * than a given power. Implementations: the analog engine model and the digital CPU baseline.
 */
public interface Optimizer {

    /** @return a short name for reports ("analog", "digital-sgd", ...) */
    String name();

    /** @return the lowest power at which this optimizer can run at all, W */
    double minimumOperatingPowerW();

    /**
     * Minimizes {@code energy} starting from {@code start}.
     *
     * @param energy    the energy whose minimum is the update
     * @param start     initial point, length {@code energy.dimension()} (not modified)
     * @param maxPowerW the training envelope now, W; the optimizer chooses its operating power at
     *                  or below it
     * @return the result, with the energy actually spent
     * @throws PowerEnvelopeException if {@code maxPowerW} is below {@link #minimumOperatingPowerW()}
     */
    OptimizationResult minimize(EnergyFunction energy, double[] start, double maxPowerW);

    /**
     * Minimizes {@code energy} like {@link #minimize} and writes the point reached into the caller's
     * array: the result's own copies (the record's and its accessor's) are not made, for a caller
     * that keeps only the numbers (the trainer, once per update). By default through
     * {@link #minimize}; an optimizer that can write straight into {@code solutionOut} overrides it.
     *
     * @param solutionOut receives the point reached, length {@code energy.dimension()}
     * @return what the solve cost and how it ended
     * @throws PowerEnvelopeException if {@code maxPowerW} is below {@link #minimumOperatingPowerW()}
     */
    default SolveFigures minimizeInto(EnergyFunction energy, double[] start, double maxPowerW, double[] solutionOut) {
        OptimizationResult r = minimize(energy, start, maxPowerW);
        r.copySolutionTo(solutionOut);
        return r.figures();
    }
}
