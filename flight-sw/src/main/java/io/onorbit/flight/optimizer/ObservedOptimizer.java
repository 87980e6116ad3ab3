package io.onorbit.flight.optimizer;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * An optimizer that shows every solve's figures to a listener before returning it, unchanged: the
 * one wrapper for meters that must read the figures at the optimizer interface rather than trust
 * what the trainer reports about itself (the payload's solve time and energy on board, the
 * simulator's envelope check on the ground). Adds no work of its own to the solve.
 */
public final class ObservedOptimizer implements Optimizer {

    private final Optimizer inner;
    private final Consumer<SolveFigures> listener;

    /**
     * @param inner    the optimizer that solves
     * @param listener told every solve's figures, in order, on the solving thread
     */
    public ObservedOptimizer(Optimizer inner, Consumer<SolveFigures> listener) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.listener = Objects.requireNonNull(listener, "listener");
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
        listener.accept(r.figures());
        return r;
    }

    @Override
    public SolveFigures minimizeInto(EnergyFunction energy, double[] start, double maxPowerW, double[] solutionOut) {
        SolveFigures f = inner.minimizeInto(energy, start, maxPowerW, solutionOut);
        listener.accept(f);
        return f;
    }
}
