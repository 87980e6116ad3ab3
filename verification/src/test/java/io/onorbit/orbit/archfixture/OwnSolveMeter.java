package io.onorbit.orbit.archfixture;

import io.onorbit.flight.optimizer.EnergyFunction;
import io.onorbit.flight.optimizer.OptimizationResult;
import io.onorbit.flight.optimizer.Optimizer;

/**
 * Architecture-test fixture: an optimizer wrapper outside the engines' package (forbidden). Only
 * its class file is read by the rule; it is never run. Not production code.
 */
public record OwnSolveMeter(Optimizer inner) implements Optimizer {

    @Override
    public String name() {
        return "metered " + inner.name();
    }

    @Override
    public double minimumOperatingPowerW() {
        return inner.minimumOperatingPowerW();
    }

    @Override
    public OptimizationResult minimize(EnergyFunction energy, double[] start, double maxPowerW) {
        return inner.minimize(energy, start, maxPowerW);
    }
}
