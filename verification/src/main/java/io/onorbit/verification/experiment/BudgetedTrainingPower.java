package io.onorbit.verification.experiment;

import io.onorbit.flight.power.PowerModel;
import io.onorbit.flight.power.PowerRun;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.power.TrainingEnvelope;
import io.onorbit.flight.power.TrainingPolicy;
import io.onorbit.flight.schedule.OnboardSchedule;

/**
 * A {@link TrainingPolicy} asked sample by sample: the drift experiment trains at sample times,
 * not on the power grid, so this walks a {@link PowerRun} (the one budget loop) up to each
 * sample, every grid step drawing the training energy actually charged during it, and offers
 * what the policy allows for the battery energy stored at the current grid step. Queries must
 * come in non-decreasing time order, within the schedule.
 */
public final class BudgetedTrainingPower {

    private final PowerRun run;
    private final TrainingPolicy policy;
    private double pendingJ;
    private double lastPowerW;
    private double lastQueryS = Double.NEGATIVE_INFINITY;

    /**
     * @param model  power model of the spacecraft's schedule
     * @param stepS  budget grid step, s (&gt; 0; use the sample period)
     * @param policy what training may draw per grid step
     */
    public BudgetedTrainingPower(PowerModel model, double stepS, TrainingPolicy policy) {
        this.run = new PowerRun(model, stepS);
        this.policy = policy;
    }

    /**
     * @return the power budget's training envelope, planned and stepped on {@code stepS}
     * @see TrainingEnvelope#plan(PowerModel, double)
     */
    public static BudgetedTrainingPower envelope(OnboardSchedule schedule, PowerSystem system, double stepS) {
        PowerModel model = new PowerModel(schedule, system);
        return new BudgetedTrainingPower(model, stepS, TrainingEnvelope.plan(model, stepS));
    }

    /** @return power available for training at {@code tS} (s since the schedule epoch), W, &ge; 0 */
    public double powerW(double tS) {
        if (tS < lastQueryS) {
            throw new IllegalArgumentException("budgeted training power: time went back from " + lastQueryS + " to " + tS);
        }
        if (tS == lastQueryS) {
            return lastPowerW;
        }
        lastQueryS = tS;
        while (run.hasNext() && run.timeS() + run.stepLengthS() <= tS) {
            // Spread the training energy charged since the last budget step over this step.
            run.step(pendingJ / run.stepLengthS());
            pendingJ = 0;
        }
        if (!run.hasNext()) {
            throw new IllegalArgumentException("budgeted training power: t " + tS + " s is past the schedule's end");
        }
        lastPowerW = run.offeredW(policy);
        return lastPowerW;
    }

    /**
     * Books what training actually drew, so that the battery discharges accordingly at the end of
     * the grid step. Called after every training step, in time order.
     *
     * @param energyJ energy the training drew, J (&ge; 0)
     */
    public void charge(double energyJ) {
        pendingJ += energyJ;
    }
}
