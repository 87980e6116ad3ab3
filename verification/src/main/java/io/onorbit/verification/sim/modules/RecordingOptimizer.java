package io.onorbit.verification.sim.modules;

import io.onorbit.flight.optimizer.ObservedOptimizer;
import io.onorbit.flight.optimizer.SolveFigures;
import java.util.function.Consumer;

/**
 * Records, at the flight optimizer's interface ({@link ObservedOptimizer}), the highest operating
 * power it chose and the energy it spent since the last {@link #drain()}: the envelope invariant
 * is checked on these figures rather than on what the trainer reports about itself.
 */
final class RecordingOptimizer implements Consumer<SolveFigures> {

    private double peakPowerW;
    private double energyJ;

    @Override
    public void accept(SolveFigures r) {
        peakPowerW = Math.max(peakPowerW, r.powerW());
        energyJ += r.energyJ();
    }

    /** @return {peak power W, energy J} since the last call, and starts over */
    double[] drain() {
        double[] out = {peakPowerW, energyJ};
        peakPowerW = 0;
        energyJ = 0;
        return out;
    }
}
