package io.onorbit.verification.sim.modules;

import io.onorbit.flight.optimizer.EnergyFunction;
import io.onorbit.flight.optimizer.OptimizationResult;
import io.onorbit.flight.optimizer.Optimizer;

/**
 * Wraps the flight optimizer to record, at the interface, the highest operating power it chose
 * and the energy it spent since the last {@link #drain()}: the envelope invariant is checked on
 * these figures rather than on what the trainer reports about itself.
 */
final class RecordingOptimizer implements Optimizer {

    private final Optimizer inner;
    private double peakPowerW;
    private double energyJ;

    RecordingOptimizer(Optimizer inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public double minimumOperatingPowerW() {
        return inner.minimumOperatingPowerW();
    }

    @Override
    public OptimizationResult minimize(EnergyFunction energy, double[] start, double maxPowerW) {
        OptimizationResult r = inner.minimize(energy, start, maxPowerW);
        peakPowerW = Math.max(peakPowerW, r.powerW());
        energyJ += r.energyJ();
        return r;
    }

    /** @return {peak power W, energy J} since the last call, and starts over */
    double[] drain() {
        double[] out = {peakPowerW, energyJ};
        peakPowerW = 0;
        energyJ = 0;
        return out;
    }
}
