package io.onorbit.verification.sim.modules;

import io.onorbit.flight.power.PowerBudget;
import io.onorbit.flight.power.PowerStep;
import io.onorbit.flight.power.PowerSystem;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.verification.sim.PowerStage;

/**
 * Adapter of {@code flight.power}'s battery integration to the loop, as physics: the
 * {@link PowerBudget} integrates the battery in true time with the load the flight software
 * really drew; faults act on the battery. The training envelope is not here: the flight
 * executive plans it on board from the telemetry this stage reports.
 */
public final class FlightPowerStage implements PowerStage {

    private final PowerSystem system;
    private final PowerBudget budget;
    private double nowS;
    private double unservedWh;
    /** fault-load energy refused since the last step, Wh (booked into the next step) */
    private double faultRefusedWh;

    /**
     * @param schedule the satellite's schedule (true lighting, eclipses, passes)
     * @param system   its power system (from the mission's {@code spacecraft.power})
     */
    public FlightPowerStage(OnboardSchedule schedule, PowerSystem system) {
        this.system = system;
        this.budget = new PowerBudget(schedule, system);
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
        return (budget.storedWh() - cellWh) / budget.capacityWhAtS(nowS);
    }

    @Override
    public double capacityWh() {
        return budget.capacityWhAtS(nowS);
    }

    @Override
    public double storedWh() {
        return budget.storedWh();
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
    }

    @Override
    public String name() {
        return "battery and solar array";
    }
}
