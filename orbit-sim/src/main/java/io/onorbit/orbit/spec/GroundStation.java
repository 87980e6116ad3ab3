package io.onorbit.orbit.spec;

import java.util.Objects;

/**
 * A ground station.
 *
 * @param name            unique name within the mission
 * @param latitudeDeg     geodetic latitude, deg [-90, 90]
 * @param longitudeDeg    longitude, deg [-180, 360]
 * @param altitudeM       height above the WGS84 ellipsoid, m
 * @param minElevationDeg lowest usable elevation, deg [0, 90) (used where no mask is given)
 * @param mask            azimuth-dependent elevation mask, or null
 * @param downlinkBps     usable downlink rate, bit/s (&ge; 0)
 * @param uplinkBps       usable uplink rate, bit/s (&ge; 0)
 */
public record GroundStation(String name, double latitudeDeg, double longitudeDeg, double altitudeM,
                            double minElevationDeg, ElevationMaskSpec mask, double downlinkBps, double uplinkBps) {

    /** Default downlink rate, bit/s (an S-band small-satellite link). */
    public static final double DEFAULT_DOWNLINK_BPS = 2_000_000;
    /** Default uplink rate, bit/s. */
    public static final double DEFAULT_UPLINK_BPS = 64_000;

    public GroundStation {
        Objects.requireNonNull(name, "name");
        check("latitudeDeg", latitudeDeg, -90, 90);
        check("longitudeDeg", longitudeDeg, -180, 360);
        check("altitudeM", altitudeM, -500, 10_000);
        check("minElevationDeg", minElevationDeg, 0, 89.999);
        check("downlinkBps", downlinkBps, 0, Double.MAX_VALUE);
        check("uplinkBps", uplinkBps, 0, Double.MAX_VALUE);
    }

    /** @return the lowest elevation at which the station can see anything, deg */
    public double lowestElevationDeg() {
        return mask == null ? minElevationDeg : mask.lowestElevationDeg();
    }

    private static void check(String field, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException("station field " + field + " = " + v + " is outside [" + min + ", " + max + "]");
        }
    }
}
