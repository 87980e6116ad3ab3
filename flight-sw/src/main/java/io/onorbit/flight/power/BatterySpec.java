package io.onorbit.flight.power;

/**
 * Battery parameters. Energy is counted at the cell: charging stores {@code chargeEfficiency}
 * of what the bus delivers, discharging delivers {@code dischargeEfficiency} of what leaves the
 * cell. Capacity fades by a fixed fraction per year (calendar fade, compounded from the schedule
 * epoch); the floor is a fraction of the current capacity and nothing may take the cell below it.
 *
 * @param capacityWh           beginning-of-life capacity, Wh (&gt; 0)
 * @param chargeEfficiency     fraction of bus energy stored when charging, in (0, 1]
 * @param dischargeEfficiency  fraction of cell energy delivered when discharging, in (0, 1]
 * @param maxChargeW           charge rate limit at the bus, W (&gt; 0)
 * @param maxDischargeW        discharge rate limit at the bus, W (&gt; 0)
 * @param fadePerYear          capacity lost per year, fraction in [0, 1)
 * @param floorSoc             hard minimum state of charge, fraction of capacity in [0, 1)
 * @param initialSoc           state of charge at the schedule epoch, in [floorSoc, 1]
 */
public record BatterySpec(double capacityWh, double chargeEfficiency, double dischargeEfficiency, double maxChargeW,
                          double maxDischargeW, double fadePerYear, double floorSoc, double initialSoc) {

    public BatterySpec {
        Checks.positive("battery capacityWh", capacityWh);
        Checks.inRange("battery chargeEfficiency", chargeEfficiency, Double.MIN_VALUE, 1.0);
        Checks.inRange("battery dischargeEfficiency", dischargeEfficiency, Double.MIN_VALUE, 1.0);
        Checks.positive("battery maxChargeW", maxChargeW);
        Checks.positive("battery maxDischargeW", maxDischargeW);
        Checks.inRange("battery fadePerYear", fadePerYear, 0.0, 0.999);
        Checks.inRange("battery floorSoc", floorSoc, 0.0, 0.999);
        Checks.inRange("battery initialSoc", initialSoc, floorSoc, 1.0);
    }

    /**
     * 6U cubesat default: 77 Wh lithium-ion pack (GomSpace NanoPower BPX 4S2P class), 95% charge
     * and discharge efficiency, 40 W rate limits, 3% calendar fade per year, floor at 30% state of
     * charge (keeps depth of discharge shallow for cycle life), starting at 80%.
     */
    public static BatterySpec sixUCubesat() {
        return new BatterySpec(77.0, 0.95, 0.95, 40.0, 40.0, 0.03, 0.30, 0.80);
    }

    public BatterySpec withCapacityWh(double v) {
        return new BatterySpec(v, chargeEfficiency, dischargeEfficiency, maxChargeW, maxDischargeW, fadePerYear,
                floorSoc, initialSoc);
    }

    public BatterySpec withEfficiencies(double charge, double discharge) {
        return new BatterySpec(capacityWh, charge, discharge, maxChargeW, maxDischargeW, fadePerYear, floorSoc,
                initialSoc);
    }

    public BatterySpec withRateLimitsW(double maxCharge, double maxDischarge) {
        return new BatterySpec(capacityWh, chargeEfficiency, dischargeEfficiency, maxCharge, maxDischarge, fadePerYear,
                floorSoc, initialSoc);
    }

    public BatterySpec withFadePerYear(double v) {
        return new BatterySpec(capacityWh, chargeEfficiency, dischargeEfficiency, maxChargeW, maxDischargeW, v,
                floorSoc, initialSoc);
    }

    public BatterySpec withFloorSoc(double v) {
        return new BatterySpec(capacityWh, chargeEfficiency, dischargeEfficiency, maxChargeW, maxDischargeW, fadePerYear,
                v, initialSoc);
    }

    public BatterySpec withInitialSoc(double v) {
        return new BatterySpec(capacityWh, chargeEfficiency, dischargeEfficiency, maxChargeW, maxDischargeW, fadePerYear,
                floorSoc, v);
    }

    /** @return capacity after {@code years} of calendar fade, Wh */
    public double capacityWhAtYears(double years) {
        return capacityWh * Math.exp(Math.log1p(-fadePerYear) * Math.max(0.0, years));
    }
}
