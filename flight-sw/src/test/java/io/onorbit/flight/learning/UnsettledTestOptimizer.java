package io.onorbit.flight.learning;

import io.onorbit.flight.optimizer.EnergyFunction;
import io.onorbit.flight.optimizer.OptimizationResult;
import io.onorbit.flight.optimizer.Optimizer;
import java.util.Arrays;

/**
 * Test-only optimizer whose solve never settles: it returns every coordinate at {@link #VALUE},
 * reports not converged, and charges {@link #ENERGY_J} per solve (as a real engine that ran out of
 * time would have drawn it).
 */
final class UnsettledTestOptimizer implements Optimizer {

    /** Every coordinate of the unsettled output. */
    static final double VALUE = 5;
    /** Energy charged per solve, J. */
    static final double ENERGY_J = 2e-6;

    @Override
    public String name() {
        return "unsettled";
    }

    @Override
    public double minimumOperatingPowerW() {
        return 0;
    }

    @Override
    public OptimizationResult minimize(EnergyFunction e, double[] start, double maxPowerW) {
        double[] w = new double[e.dimension()];
        Arrays.fill(w, VALUE);
        return new OptimizationResult(w, maxPowerW, 1e-3, ENERGY_J, false, 1);
    }
}
