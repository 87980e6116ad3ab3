package io.onorbit.flight.power;

import io.onorbit.flight.schedule.OnboardSchedule;

/**
 * The per-step power simulation shared by {@code onorbit power} and the closed-loop simulator:
 * array output and loads from the schedule, the training draw the caller asks for, and the
 * battery in between. Keeps running totals.
 *
 * <p>Use: {@code budget.step(tS, dtS, trainingPowerW)} once per step, in time order, with the
 * training power taken from {@link TrainingEnvelope#maxTrainingPowerW}. If demand exceeds what the
 * array and the battery above its floor can give, training is shed first, then the other loads;
 * the shortfall is reported as unserved and counted as a floor violation. Not thread-safe.
 */
public final class PowerBudget {

    private final PowerModel model;
    private final Battery battery;
    private final Battery.Flow flow = new Battery.Flow();

    private double generatedWh;
    private double loadWh;
    private double trainingWh;
    private double lossWh;
    private double spilledWh;
    private double unservedWh;
    private long floorViolations;
    private double minSoc;
    private double faultLoadWh;
    private double lastGeneratedWh;
    private double lastLoadWh;
    private double lastTrainingWh;
    private double lastLossWh;
    private double faultShedWh;

    public PowerBudget(OnboardSchedule schedule, PowerSystem system) {
        this(new PowerModel(schedule, system));
    }

    public PowerBudget(PowerModel model) {
        this.model = model;
        this.battery = new Battery(model.system().battery());
        this.minSoc = model.system().battery().initialSoc();
    }

    /**
     * Advances the budget over [tS, tS + dtS] with the transmitter on through every pass of the
     * schedule (the planning assumption).
     *
     * @param tS             step start, s since the schedule epoch
     * @param dtS            step length, s (&gt; 0)
     * @param trainingPowerW power the optimizer draws over the step, W (&ge; 0)
     * @return the step's energies and battery state
     */
    public PowerStep step(double tS, double dtS, double trainingPowerW) {
        double before = battery.storedWh();
        advance(tS, dtS, trainingPowerW);
        return record(tS, dtS, before);
    }

    /**
     * Advances the budget over [tS, tS + dtS] with the transmitter's actual on-time (the
     * closed-loop simulator knows when the radio really sent).
     *
     * @param tS             step start, s since the schedule epoch
     * @param dtS            step length, s (&gt; 0)
     * @param trainingPowerW power the optimizer draws over the step, W (&ge; 0)
     * @param radioOnS       seconds the transmitter was on in the step, in [0, dtS]
     * @return the step's energies and battery state
     */
    public PowerStep step(double tS, double dtS, double trainingPowerW, double radioOnS) {
        double before = battery.storedWh();
        advance(tS, dtS, trainingPowerW, radioOnS);
        return record(tS, dtS, before);
    }

    private PowerStep record(double tS, double dtS, double before) {
        return new PowerStep(tS, dtS, model.meanLightingRatio(tS, dtS), lastGeneratedWh, lastLoadWh, lastTrainingWh,
                lastLossWh, flow.spilledWh, flow.unservedWh, before, battery.storedWh(), battery.capacityWhAtS(tS + dtS),
                battery.floorWh(tS + dtS));
    }

    /**
     * Like {@link #step(double, double, double)} but returns nothing: updates the totals only,
     * without allocating (for long runs that need only the totals).
     */
    public void advance(double tS, double dtS, double trainingPowerW) {
        checkStep(dtS, trainingPowerW);
        apply(tS, dtS, trainingPowerW, model.loadW(tS, dtS));
    }

    /**
     * Like {@link #step(double, double, double, double)} but returns nothing: updates the totals
     * only, without allocating (for long runs that need only the totals).
     *
     * @param radioOnS seconds the transmitter was on in the step, in [0, dtS]
     */
    public void advance(double tS, double dtS, double trainingPowerW, double radioOnS) {
        checkStep(dtS, trainingPowerW);
        if (!(radioOnS >= 0 && radioOnS <= dtS * (1 + 1e-9))) {
            throw new IllegalArgumentException("power step: radioOnS " + radioOnS + " must be in [0, dtS " + dtS + "]");
        }
        apply(tS, dtS, trainingPowerW, model.loadW(tS, dtS, Math.min(1, radioOnS / dtS)));
    }

    private static void checkStep(double dtS, double trainingPowerW) {
        if (!(dtS > 0) || !(trainingPowerW >= 0)) {
            throw new IllegalArgumentException("power step: dtS " + dtS + " must be > 0 and trainingPowerW "
                    + trainingPowerW + " >= 0");
        }
    }

    private void apply(double tS, double dtS, double trainingPowerW, double baseW) {
        double dtH = dtS / 3600.0;
        double genW = model.generationW(tS, dtS);
        battery.apply(tS, dtS, genW - baseW - trainingPowerW, flow);
        double trainingDemandWh = trainingPowerW * dtH;
        lastTrainingWh = Math.max(0, trainingDemandWh - flow.unservedWh);
        lastLoadWh = baseW * dtH - Math.max(0, flow.unservedWh - trainingDemandWh);
        lastLossWh = flow.conversionLossWh + flow.fadeLossWh;
        lastGeneratedWh = genW * dtH;
        generatedWh += lastGeneratedWh;
        loadWh += lastLoadWh;
        trainingWh += lastTrainingWh;
        lossWh += lastLossWh;
        spilledWh += flow.spilledWh;
        unservedWh += flow.unservedWh;
        if (flow.unservedWh > PowerStep.UNSERVED_EPSILON_WH) {
            floorViolations++;
        }
        minSoc = Math.min(minSoc, battery.storedWh() / battery.capacityWhAtS(tS + dtS));
    }

    /**
     * Fault: an unplanned load tries to draw {@code energyWh} at once; protection cuts it at the floor.
     *
     * @return the part refused, Wh (also added to {@link #faultShedWh()})
     */
    public double brownout(double energyWh, double tS) {
        double before = battery.storedWh();
        double refused = battery.drain(energyWh, tS);
        faultShedWh += refused;
        faultLoadWh += energyWh - refused;
        lossWh += (before - battery.storedWh()) - (energyWh - refused); // discharge conversion loss
        minSoc = Math.min(minSoc, soc(tS));
        return refused;
    }

    /** Fault: a permanent loss of {@code fraction} of the capacity (plan the envelope again after it). */
    public void capacityFault(double fraction, double tS) {
        lossWh += battery.loseCapacity(fraction, tS);
        minSoc = Math.min(minSoc, soc(tS));
    }

    /** @return state of charge at {@code tS}, fraction of the capacity then */
    public double soc(double tS) {
        return battery.storedWh() / battery.capacityWhAtS(tS);
    }

    /** @return battery capacity at {@code tS}, Wh (fade and faults included) */
    public double capacityWhAtS(double tS) {
        return battery.capacityWhAtS(tS);
    }

    /** @return the hard floor at {@code tS}, Wh */
    public double floorWh(double tS) {
        return battery.floorWh(tS);
    }

    /** @return energy drawn by fault loads so far, Wh */
    public double faultLoadWh() {
        return faultLoadWh;
    }

    /** @return fault load refused at the floor so far, Wh */
    public double faultShedWh() {
        return faultShedWh;
    }

    public PowerModel model() {
        return model;
    }

    /** @return energy in the battery now, Wh */
    public double storedWh() {
        return battery.storedWh();
    }

    /** @return total array output so far, Wh */
    public double generatedWh() {
        return generatedWh;
    }

    /** @return total non-training load served so far, Wh */
    public double loadWh() {
        return loadWh;
    }

    /** @return total training energy served so far, Wh */
    public double trainingWh() {
        return trainingWh;
    }

    /** @return total conversion and fade losses so far, Wh */
    public double lossWh() {
        return lossWh;
    }

    /** @return total array output neither used nor stored so far, Wh */
    public double spilledWh() {
        return spilledWh;
    }

    /** @return total demand refused so far, Wh */
    public double unservedWh() {
        return unservedWh;
    }

    /** @return steps in which demand was refused at the floor */
    public long floorViolations() {
        return floorViolations;
    }

    /** @return lowest state of charge seen at any step end (or the initial one) */
    public double minSoc() {
        return minSoc;
    }
}
