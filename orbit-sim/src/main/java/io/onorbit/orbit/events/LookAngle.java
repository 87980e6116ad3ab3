package io.onorbit.orbit.events;

/**
 * Where a station sees the satellite at one instant (Orekit's topocentric conventions on the
 * WGS84 ellipsoid).
 *
 * @param azimuthDeg   azimuth from north through east, [0, 360) deg
 * @param elevationDeg elevation above the local horizontal plane, deg
 * @param rangeM       distance from the station, m
 */
public record LookAngle(double azimuthDeg, double elevationDeg, double rangeM) {
}
