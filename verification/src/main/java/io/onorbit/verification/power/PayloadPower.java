package io.onorbit.verification.power;

import io.onorbit.flight.payload.PayloadAllocation;
import io.onorbit.flight.payload.PayloadSpec;
import io.onorbit.flight.power.PowerBudget;
import io.onorbit.flight.power.PowerModel;
import io.onorbit.flight.power.PowerRun;
import io.onorbit.flight.power.TrainingEnvelope;

/**
 * One training payload on one satellite's power budget: every step the envelope's allowance is
 * split between the payload's power states ({@link PayloadAllocation}) and the budget is stepped
 * with what the payload draws, so the battery sees the payload's real draw.
 *
 * @param spec            the payload
 * @param configured      true for the mission's own payload, false for the other engine's defaults
 * @param dutyFraction    time training over the whole span, in [0, 1]
 * @param trainingS       time training, s
 * @param energyWh        energy the payload drew, Wh
 * @param minSoc          lowest state of charge at a step end, fraction of capacity
 * @param floorViolations steps in which a load was refused at the floor
 * @param finalSoc        state of charge at the end
 */
public record PayloadPower(PayloadSpec spec, boolean configured, double dutyFraction, double trainingS, double energyWh,
                           double minSoc, long floorViolations, double finalSoc) {

    /**
     * @param model      power model of the schedule and spacecraft
     * @param envelope   the envelope planned on {@code stepS}
     * @param stepS      grid step, s
     * @param spec       the payload
     * @param configured whether it is the mission's own payload
     * @return the run's figures
     */
    public static PayloadPower run(PowerModel model, TrainingEnvelope envelope, double stepS, PayloadSpec spec,
                                   boolean configured) {
        double[] trainingS = {0};
        PowerBudget b = PowerRun.run(model, stepS, (t, dt, stored) -> {
            PayloadAllocation a = PayloadAllocation.of(spec, envelope.maxTrainingPowerW(t, dt, stored), dt);
            trainingS[0] += a.trainingS();
            return a.meanPowerW();
        });
        double end = model.schedule().durationS();
        return new PayloadPower(spec, configured, end > 0 ? trainingS[0] / end : 0, trainingS[0], b.trainingWh(),
                b.minSoc(), b.floorViolations(), b.soc(end));
    }
}
