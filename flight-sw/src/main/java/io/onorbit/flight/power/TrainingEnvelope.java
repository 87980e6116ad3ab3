package io.onorbit.flight.power;

import io.onorbit.flight.schedule.OnboardSchedule;

/**
 * The power the optimizer may draw now. Zero when the array does not cover the other loads
 * (no surplus); otherwise the most it can draw such that, with every eclipse and pass the
 * schedule knows ahead (the whole uplinked span, so always past the next eclipse and the next
 * pass), the battery can still serve all loads and stay at or above floor + margin.
 *
 * <p>Guarantee: stepping a {@link PowerBudget} on this envelope's grid with the power it returns
 * never refuses a load and never takes the battery below floor + margin, for any schedule on
 * which that is possible at all (including beta-0 long eclipses and back-to-back passes), because
 * each answer keeps the battery at or above the {@link ReserveCurve} at the end of the step.
 * That holds for the default look-ahead, the whole known schedule. A finite look-ahead (always
 * past the next eclipse and the next pass) holds it whenever the battery can be brought back to
 * floor + margin by the horizon's end plus whatever lies beyond it can be recharged in time; the
 * tests measure it on beta-0 and adversarial schedules.
 * Off-grid steps use the larger neighbouring reserve. The prediction uses the same array and
 * load model as the budget; real deviations are what the margin is for.
 */
public final class TrainingEnvelope implements TrainingPolicy {

    private final PowerModel model;
    private final ReserveCurve reserve;

    private TrainingEnvelope(PowerModel model, double stepS, double lookAheadS) {
        this.model = model;
        this.reserve = new ReserveCurve(model, stepS, model.system().marginSoc(), lookAheadS);
    }

    /**
     * Plans the envelope for a schedule (one O(n) backward pass).
     *
     * @param model power model of the schedule and spacecraft
     * @param stepS grid step, s (&gt; 0); step the budget on the same grid for the exact guarantee
     */
    public static TrainingEnvelope plan(PowerModel model, double stepS) {
        return new TrainingEnvelope(model, stepS, Double.POSITIVE_INFINITY);
    }

    /**
     * Plans the envelope with a limited look-ahead: at each time it accounts for the loads up to
     * the latest of {@code lookAheadS} ahead, the end of the next eclipse and the end of the next
     * pass, and asks for floor + margin there. O(n) for any look-ahead.
     *
     * @param model      power model of the schedule and spacecraft
     * @param stepS      grid step, s (&gt; 0)
     * @param lookAheadS look-ahead, s (&gt; 0; infinity: the whole schedule)
     */
    public static TrainingEnvelope plan(PowerModel model, double stepS, double lookAheadS) {
        return new TrainingEnvelope(model, stepS, lookAheadS);
    }

    /** @see #plan(PowerModel, double) */
    public static TrainingEnvelope plan(OnboardSchedule schedule, PowerSystem system, double stepS) {
        return plan(new PowerModel(schedule, system), stepS);
    }

    /**
     * @param tS       step start, s since the schedule epoch
     * @param dtS      step length, s (&gt; 0)
     * @param storedWh battery energy now, Wh
     * @return the most the optimizer may draw over the step, W (&ge; 0)
     */
    public double maxTrainingPowerW(double tS, double dtS, double storedWh) {
        double netW = model.generationW(tS, dtS) - model.loadW(tS, dtS);
        return ReserveCurve.maxDrawW(netW, dtS, storedWh, reserve.reserveWh(tS + dtS), model.system().battery());
    }

    @Override
    public double trainingPowerW(double tS, double dtS, double storedWh) {
        return maxTrainingPowerW(tS, dtS, storedWh);
    }

    /** @return battery energy the envelope keeps in hand at {@code tS} for what lies ahead, Wh */
    public double reserveWh(double tS) {
        return reserve.reserveWh(tS);
    }

    /** @return the grid step the envelope was planned on, s */
    public double stepS() {
        return reserve.stepS();
    }
}
