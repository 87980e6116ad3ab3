package io.onorbit.verification.sim;

/**
 * One spacecraft's power budget as the loop drives it (adapter over {@code flight.power}).
 * The battery is hardware: it keeps its charge across flight-computer resets.
 */
public interface PowerStage {

    /** @return state of charge now, fraction of current capacity in [0, 1] */
    double soc();

    /** @return hard floor of the state of charge, fraction in [0, 1] */
    double socFloor();

    /**
     * @return energy demanded in the last step (fault loads injected before it included) that the
     *         battery refused because it would have crossed its floor (or a rate limit), Wh; the
     *         floor itself is enforced by the battery's protection, so a refused load is how a
     *         crossing shows
     */
    double unservedWhLastStep();

    /**
     * @return the state of charge the cell would have now had it served everything demanded in
     *         the last step and every fault load since (nothing cut by the protection at the
     *         floor), fraction of current capacity; below {@link #socFloor()} is a floor crossing
     *         that the protected {@link #soc()} hides
     */
    double realDrawSoc();

    /** @return usable battery capacity now, Wh */
    double capacityWh();

    /**
     * @param onboardTimeS the flight computer's time, s since epoch (it plans with its own clock)
     * @return the power the optimizer may draw now, W (&ge; 0)
     */
    double envelopeW(double onboardTimeS);

    /**
     * Integrates the battery over one step with the true environment.
     *
     * @param trueTimeS      step start, true s since epoch (lighting is physics, not belief)
     * @param dtS            step length, s
     * @param trainingEnergyJ energy the optimizer drew during the step, J
     * @param radioOnS       seconds the transmitter was on during the step
     */
    void advance(double trueTimeS, double dtS, double trainingEnergyJ, double radioOnS);

    /**
     * Fault: an unplanned load draws {@code energyWh} at once (a latch-up, a stuck heater).
     * The power system's protection decides what happens; the floor must still hold.
     */
    void brownout(double energyWh);

    /** Fault: the battery loses {@code fraction} of its capacity for good (a cell fails). */
    void capacityFault(double fraction);

    /** @return a short name of the implementation for the summary */
    String name();
}
