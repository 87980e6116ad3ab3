package io.onorbit.orbit.archfixture;

import io.onorbit.flight.power.PowerBudget;
import io.onorbit.flight.power.TrainingEnvelope;

/** Architecture-test fixture: a second loop stepping the budget under the envelope (forbidden). Not production code. */
public final class OwnBudgetLoop {

    private OwnBudgetLoop() {
    }

    /** Steps {@code budget} on its own grid, as PowerRun does. */
    public static void run(PowerBudget budget, TrainingEnvelope envelope, double endS, double stepS) {
        for (double t = 0; t < endS; t += stepS) {
            budget.step(t, stepS, envelope.maxTrainingPowerW(t, stepS, budget.storedWh()));
        }
    }
}
