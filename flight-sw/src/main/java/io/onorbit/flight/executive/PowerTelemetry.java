package io.onorbit.flight.executive;

/**
 * What the electrical power system reports to the flight computer each tick.
 *
 * @param storedWh   battery energy now, Wh
 * @param capacityWh battery capacity now, Wh (fade and failed cells included)
 */
public record PowerTelemetry(double storedWh, double capacityWh) {

    public PowerTelemetry {
        if (!(storedWh >= 0) || !(capacityWh > 0)) {
            throw new IllegalArgumentException("power telemetry: storedWh " + storedWh + " must be >= 0 and capacityWh "
                    + capacityWh + " > 0");
        }
    }
}
