package io.onorbit.flight.power;

import java.util.function.Consumer;

/** Runs a {@link PowerBudget} over a whole schedule on a fixed grid under a training policy. */
public final class PowerRun {

    private PowerRun() {
    }

    /**
     * @param model    power model of the schedule
     * @param stepS    grid step, s (the last step is cut at the schedule's end)
     * @param policy   training draw per step
     * @param listener receives every step, in order
     * @return the budget after the last step, with its totals
     */
    public static PowerBudget run(PowerModel model, double stepS, TrainingPolicy policy, Consumer<PowerStep> listener) {
        return run(model, stepS, policy, listener, true);
    }

    /** @return the budget after the last step, totals only (no per-step records: nothing allocated per step) */
    public static PowerBudget run(PowerModel model, double stepS, TrainingPolicy policy) {
        return run(model, stepS, policy, null, false);
    }

    private static PowerBudget run(PowerModel model, double stepS, TrainingPolicy policy, Consumer<PowerStep> listener,
                                   boolean records) {
        Checks.positive("power run stepS", stepS);
        PowerBudget budget = new PowerBudget(model);
        double end = model.schedule().durationS();
        int n = (int) Math.ceil(end / stepS - 1e-9);
        for (int k = 0; k < n; k++) {
            double t = k * stepS;
            double dt = Math.min(stepS, end - t);
            double w = policy.trainingPowerW(t, dt, budget.storedWh());
            if (records) {
                listener.accept(budget.step(t, dt, w));
            } else {
                budget.advance(t, dt, w);
            }
        }
        return budget;
    }
}
