package io.onorbit.flight.power;

import java.util.function.Consumer;

/**
 * The one loop that drives a {@link PowerBudget} over a schedule on a fixed grid under a
 * {@link TrainingPolicy}: at each step the policy is offered the battery energy stored at the
 * step start, and the budget is stepped with what training actually drew. {@code onorbit power},
 * the payload study, the drift experiment and the benchmarks all step their budget through it, so
 * the grid (the last step cut at the schedule's end) is the same everywhere.
 *
 * <p>Use: whole runs with {@link #run(PowerModel, double, TrainingPolicy)}; a caller whose draw is
 * decided between offer and step (a payload, a trainer) walks it step by step:
 * {@code while (r.hasNext()) { double w = r.offeredW(policy); ...; r.advance(drawnW); }}.
 * Not thread-safe.
 */
public final class PowerRun {

    private final PowerBudget budget;
    private final double stepS;
    private final double endS;
    private final int steps;
    private int k;

    /**
     * @param model power model of the schedule
     * @param stepS grid step, s (&gt; 0; the last step is cut at the schedule's end)
     */
    public PowerRun(PowerModel model, double stepS) {
        Checks.positive("power run stepS", stepS);
        this.budget = new PowerBudget(model);
        this.stepS = stepS;
        this.endS = model.schedule().durationS();
        this.steps = (int) Math.ceil(endS / stepS - 1e-9);
    }

    /** @return true while a step of the schedule is left */
    public boolean hasNext() {
        return k < steps;
    }

    /** @return start of the current step, s since the schedule epoch */
    public double timeS() {
        return k * stepS;
    }

    /** @return length of the current step, s (the grid step, or less for the last one) */
    public double stepLengthS() {
        return Math.min(stepS, endS - timeS());
    }

    /** @return what {@code policy} offers training over the current step, W (&ge; 0) */
    public double offeredW(TrainingPolicy policy) {
        return policy.trainingPowerW(timeS(), stepLengthS(), budget.storedWh());
    }

    /**
     * Steps the budget over the current step and moves to the next.
     *
     * @param trainingPowerW mean power training drew over the step, W (&ge; 0)
     * @return the step's energies and battery state
     */
    public PowerStep step(double trainingPowerW) {
        PowerStep s = budget.step(timeS(), stepLengthS(), trainingPowerW);
        k++;
        return s;
    }

    /** Like {@link #step(double)}, totals only (nothing allocated per step). */
    public void advance(double trainingPowerW) {
        budget.advance(timeS(), stepLengthS(), trainingPowerW);
        k++;
    }

    /** @return the budget being stepped (state of charge, totals, floor violations) */
    public PowerBudget budget() {
        return budget;
    }

    /**
     * @param model    power model of the schedule
     * @param stepS    grid step, s (the last step is cut at the schedule's end)
     * @param policy   training draw per step (drawn in full)
     * @param listener receives every step, in order
     * @return the budget after the last step, with its totals
     */
    public static PowerBudget run(PowerModel model, double stepS, TrainingPolicy policy, Consumer<PowerStep> listener) {
        PowerRun r = new PowerRun(model, stepS);
        while (r.hasNext()) {
            listener.accept(r.step(r.offeredW(policy)));
        }
        return r.budget();
    }

    /** @return the budget after the last step, totals only (no per-step records: nothing allocated per step) */
    public static PowerBudget run(PowerModel model, double stepS, TrainingPolicy policy) {
        PowerRun r = new PowerRun(model, stepS);
        while (r.hasNext()) {
            r.advance(r.offeredW(policy));
        }
        return r.budget();
    }
}
