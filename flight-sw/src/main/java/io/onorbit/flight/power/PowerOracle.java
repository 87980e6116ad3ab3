package io.onorbit.flight.power;

/**
 * The most training energy possible over a whole schedule without refusing a load or crossing
 * the floor, with perfect knowledge, on the step grid. The yardstick for the envelope's harvest.
 *
 * <p>Exact greedy: train at every step as much as keeps the battery at or above the
 * zero-margin {@link ReserveCurve} at the step's end, drawing from the battery too, in
 * eclipse as well. Why it is optimal: the reserve curve is the least energy that keeps the
 * future feasible, so any feasible plan stays above it; among those, spending energy earlier is
 * never worse, since a Wh used directly from the array saves the charge loss, a Wh used from the
 * battery now is worth the same as later (one discharge either way), and a lower battery never
 * spills more. A linear program over the same step model (hipparchus SimplexSolver) agrees on
 * small instances; see the tests.
 */
public final class PowerOracle implements TrainingPolicy {

    private final PowerModel model;
    private final ReserveCurve reserve;

    public PowerOracle(PowerModel model, double stepS) {
        this.model = model;
        this.reserve = new ReserveCurve(model, stepS, 0.0);
    }

    @Override
    public double trainingPowerW(double tS, double dtS, double storedWh) {
        double netW = model.generationW(tS, dtS) - model.loadW(tS, dtS);
        return ReserveCurve.maxDrawW(netW, dtS, storedWh, reserve.reserveWh(tS + dtS), model.system().battery());
    }

    /** @return the optimum training energy over the schedule, Wh */
    public double maxTrainingEnergyWh() {
        return PowerRun.run(model, reserve.stepS(), this, s -> { }).trainingWh();
    }
}
