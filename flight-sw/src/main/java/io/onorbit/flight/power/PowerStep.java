package io.onorbit.flight.power;

/**
 * What happened in one step of the power budget. Energies in Wh over the step; they balance:
 * {@code generatedWh = (storedAfterWh - storedBeforeWh) + loadWh + trainingWh + lossWh + spilledWh}.
 *
 * @param tS             step start, s since the schedule epoch
 * @param dtS            step length, s
 * @param lightingRatio  mean lighting ratio over the step, in [0, 1]
 * @param generatedWh    array output
 * @param loadWh         loads other than training actually served
 * @param trainingWh     training energy actually served
 * @param lossWh         battery conversion losses plus energy lost to capacity fade
 * @param spilledWh      array output neither used nor stored (battery full or charge-rate limit)
 * @param unservedWh     demand refused because the battery is at its floor or rate limit
 * @param storedBeforeWh battery energy at step start
 * @param storedAfterWh  battery energy at step end
 * @param capacityWh     battery capacity at step end
 * @param floorWh        battery floor at step end
 */
public record PowerStep(double tS, double dtS, double lightingRatio, double generatedWh, double loadWh,
                        double trainingWh, double lossWh, double spilledWh, double unservedWh, double storedBeforeWh,
                        double storedAfterWh, double capacityWh, double floorWh) {

    /** Unserved energy below this is rounding, not a refusal, Wh. */
    public static final double UNSERVED_EPSILON_WH = 1e-12;

    /** @return state of charge at step end, fraction of the current capacity */
    public double soc() {
        return storedAfterWh / capacityWh;
    }

    /** @return true if some demand was refused because the floor (or a rate limit) would be crossed */
    public boolean floorViolation() {
        return unservedWh > UNSERVED_EPSILON_WH;
    }
}
