package io.onorbit.verification.sim.modules;

import io.onorbit.flight.power.PowerBudget;
import io.onorbit.flight.power.PowerModel;
import io.onorbit.flight.power.PowerStep;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.power.TrainingEnvelope;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.verification.sim.PowerStage;

/**
 * Adapter of {@code flight.power} to the loop: the {@link PowerBudget} integrates the battery in
 * true time; the {@link TrainingEnvelope}, planned on the loop's step grid, answers in the flight
 * computer's time. A capacity fault re-plans the envelope for the battery that is left.
 */
public final class FlightPowerStage implements PowerStage {

    private final OnboardSchedule schedule;
    private final PowerSystem system;
    private final double stepS;
    private final PowerBudget budget;
    private TrainingEnvelope envelope;
    private double healthyFraction = 1.0;
    private double nowS;
    private double unservedWh;
    /** fault-load energy refused since the last step, Wh (booked into the next step) */
    private double faultRefusedWh;

    /**
     * @param schedule the satellite's schedule
     * @param system   its power system (from the mission's {@code spacecraft.power})
     * @param stepS    the loop's step, s (the envelope's planning grid)
     */
    public FlightPowerStage(OnboardSchedule schedule, PowerSystem system, double stepS) {
        this.schedule = schedule;
        this.system = system;
        this.stepS = stepS;
        this.budget = new PowerBudget(schedule, system);
        this.envelope = TrainingEnvelope.plan(budget.model(), stepS);
    }

    @Override
    public double soc() {
        return budget.soc(nowS);
    }

    @Override
    public double socFloor() {
        return system.battery().floorSoc();
    }

    @Override
    public double unservedWhLastStep() {
        return unservedWh;
    }

    @Override
    public double realDrawSoc() {
        double cellWh = unservedWh / system.battery().dischargeEfficiency();
        return (budget.storedWh() - cellWh) / budget.capacityWh(nowS);
    }

    @Override
    public double capacityWh() {
        return budget.capacityWh(nowS);
    }

    @Override
    public double envelopeW(double onboardTimeS) {
        double t = Math.max(0, Math.min(onboardTimeS, schedule.durationS() - stepS));
        return envelope.maxTrainingPowerW(t, stepS, budget.storedWh());
    }

    @Override
    public void advance(double trueTimeS, double dtS, double trainingEnergyJ, double radioOnS) {
        PowerStep s = budget.step(trueTimeS, dtS, trainingEnergyJ / dtS, Math.max(0, radioOnS));
        unservedWh = s.unservedWh() + faultRefusedWh;
        faultRefusedWh = 0;
        nowS = trueTimeS + dtS;
    }

    @Override
    public void brownout(double energyWh) {
        // What the protection refuses of a fault load is a crossing the protected battery hides.
        faultRefusedWh += budget.brownout(energyWh, nowS);
    }

    @Override
    public void capacityFault(double fraction) {
        budget.capacityFault(fraction, nowS);
        healthyFraction *= 1 - fraction;
        // The reserve curve must know the smaller battery, or it could promise charge it cannot hold.
        PowerSystem left = system.withBattery(system.battery().withCapacityWh(system.battery().capacityWh() * healthyFraction));
        envelope = TrainingEnvelope.plan(new PowerModel(schedule, left), stepS);
    }

    @Override
    public String name() {
        return "flight.power PowerBudget + TrainingEnvelope";
    }
}
