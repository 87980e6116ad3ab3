package io.onorbit.flight.power;

import java.util.Objects;

/**
 * A spacecraft's electrical power system: array, battery, loads, and the margin the training
 * envelope keeps above the battery floor.
 *
 * @param array      solar array
 * @param battery    battery
 * @param loads      loads other than training
 * @param marginSoc  extra state of charge the envelope keeps above the floor, fraction of capacity in [0, 1)
 */
public record PowerSystem(SolarArray array, BatterySpec battery, LoadProfile loads, double marginSoc) {

    public PowerSystem {
        Objects.requireNonNull(array, "array");
        Objects.requireNonNull(battery, "battery");
        Objects.requireNonNull(loads, "loads");
        Checks.inRange("power marginSoc", marginSoc, 0.0, 0.999);
        if (battery.floorSoc() + marginSoc >= 1.0) {
            throw new IllegalArgumentException("power marginSoc " + marginSoc + " plus floorSoc " + battery.floorSoc()
                    + " must stay below 1: the envelope needs room between floor + margin and full charge");
        }
    }

    /** @return the documented 6U cubesat defaults with a 5% margin above the floor */
    public static PowerSystem sixUCubesat() {
        return new PowerSystem(SolarArray.sixUCubesat(), BatterySpec.sixUCubesat(), LoadProfile.sixUCubesat(), 0.05);
    }

    public PowerSystem withArray(SolarArray v) {
        return new PowerSystem(v, battery, loads, marginSoc);
    }

    public PowerSystem withBattery(BatterySpec v) {
        return new PowerSystem(array, v, loads, marginSoc);
    }

    public PowerSystem withLoads(LoadProfile v) {
        return new PowerSystem(array, battery, v, marginSoc);
    }

    public PowerSystem withMarginSoc(double v) {
        return new PowerSystem(array, battery, loads, v);
    }
}
