package io.onorbit.orbit.spec;

import java.util.Objects;

/**
 * A ground station as flight dynamics sees it: where it is and what it can see. Its radio's rates
 * are the ground's ({@code io.onorbit.ground.config.StationLink}); orbit-sim never used them.
 *
 * @param name            unique name within the mission
 * @param latitudeDeg     geodetic latitude, deg [-90, 90]
 * @param longitudeDeg    longitude, deg [-180, 360]
 * @param altitudeM       height above the WGS84 ellipsoid, m
 * @param minElevationDeg lowest usable elevation, deg [0, 90) (used where no mask is given)
 * @param mask            azimuth-dependent elevation mask, or null
 */
public record GroundStation(String name, double latitudeDeg, double longitudeDeg, double altitudeM,
                            double minElevationDeg, ElevationMaskSpec mask) {

    public GroundStation {
        Objects.requireNonNull(name, "name");
        check("latitudeDeg", latitudeDeg, -90, 90);
        check("longitudeDeg", longitudeDeg, -180, 360);
        check("altitudeM", altitudeM, -500, 10_000);
        check("minElevationDeg", minElevationDeg, 0, 89.999);
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
