package io.onorbit.verification.experiment;

import io.onorbit.flight.power.PowerBudget;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.power.TrainingEnvelope;
import io.onorbit.flight.schedule.OnboardSchedule;

/**
 * The power budget's training envelope as the drift experiment's {@link TrainingPower}: a
 * {@link PowerBudget} is stepped on a fixed grid (array, loads, battery), each step drawing the
 * training energy actually charged during the previous one, and the power offered is
 * {@link TrainingEnvelope#maxTrainingPowerW} for the battery energy stored now. Queries must come
 * in non-decreasing time order.
 */
public final class BudgetedTrainingPower implements TrainingPower {

    private final PowerBudget budget;
    private final TrainingEnvelope envelope;
    private final double stepS;
    private double budgetTimeS;
    private double pendingJ;
    private double lastPowerW;
    private double lastQueryS = Double.NEGATIVE_INFINITY;

    /**
     * @param schedule the spacecraft's schedule
     * @param system   its power system
     * @param stepS    budget and envelope grid step, s (&gt; 0; use the sample period)
     */
    public BudgetedTrainingPower(OnboardSchedule schedule, PowerSystem system, double stepS) {
        if (!(stepS > 0)) {
            throw new IllegalArgumentException("budgeted training power: stepS " + stepS + " must be > 0");
        }
        this.budget = new PowerBudget(schedule, system);
        this.envelope = TrainingEnvelope.plan(schedule, system, stepS);
        this.stepS = stepS;
    }

    @Override
    public double powerW(double tS) {
        if (tS < lastQueryS) {
            throw new IllegalArgumentException("budgeted training power: time went back from " + lastQueryS + " to " + tS);
        }
        if (tS == lastQueryS) {
            return lastPowerW;
        }
        lastQueryS = tS;
        while (budgetTimeS + stepS <= tS) {
            // Spread the training energy charged since the last budget step over this step.
            budget.step(budgetTimeS, stepS, pendingJ / stepS);
            pendingJ = 0;
            budgetTimeS += stepS;
        }
        lastPowerW = envelope.maxTrainingPowerW(budgetTimeS, stepS, budget.storedWh());
        return lastPowerW;
    }

    @Override
    public void charge(double tS, double energyJ) {
        pendingJ += energyJ;
    }

    /** @return the budget being stepped (state of charge, totals, floor violations) */
    public PowerBudget budget() {
        return budget;
    }
}
