package io.onorbit.orbit.spec;

import java.util.Arrays;
import org.hipparchus.util.FastMath;
import org.orekit.utils.ElevationMask;

/**
 * An azimuth-dependent elevation mask: points (azimuth, minimum elevation), linearly
 * interpolated and wrapping around north (Orekit's {@link ElevationMask} semantics).
 *
 * @param azimuthDeg   strictly increasing azimuths, deg [0, 360)
 * @param elevationDeg minimum elevation at each azimuth, deg [0, 90)
 */
public record ElevationMaskSpec(double[] azimuthDeg, double[] elevationDeg) {

    public ElevationMaskSpec {
        if (azimuthDeg.length != elevationDeg.length || azimuthDeg.length < 2) {
            throw new IllegalArgumentException("elevation mask needs at least 2 (azimuth, elevation) points");
        }
        for (int i = 0; i < azimuthDeg.length; i++) {
            if (!(azimuthDeg[i] >= 0 && azimuthDeg[i] < 360)) {
                throw new IllegalArgumentException("mask azimuth " + azimuthDeg[i] + " is outside [0, 360)");
            }
            if (i > 0 && !(azimuthDeg[i] > azimuthDeg[i - 1])) {
                throw new IllegalArgumentException("mask azimuths must increase strictly");
            }
            if (!(elevationDeg[i] >= 0 && elevationDeg[i] < 90)) {
                throw new IllegalArgumentException("mask elevation " + elevationDeg[i] + " is outside [0, 90)");
            }
        }
        azimuthDeg = azimuthDeg.clone();
        elevationDeg = elevationDeg.clone();
    }

    /** @return the Orekit mask (radians) */
    public ElevationMask toOrekit() {
        double[][] m = new double[azimuthDeg.length][2];
        for (int i = 0; i < m.length; i++) {
            m[i][0] = FastMath.toRadians(azimuthDeg[i]);
            m[i][1] = FastMath.toRadians(elevationDeg[i]);
        }
        return new ElevationMask(m);
    }

    /** @return the lowest elevation anywhere on the mask, deg */
    public double lowestElevationDeg() {
        return Arrays.stream(elevationDeg).min().orElse(0);
    }

    @Override
    public double[] azimuthDeg() {
        return azimuthDeg.clone();
    }

    @Override
    public double[] elevationDeg() {
        return elevationDeg.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ElevationMaskSpec m && Arrays.equals(azimuthDeg, m.azimuthDeg)
                && Arrays.equals(elevationDeg, m.elevationDeg);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(azimuthDeg) + Arrays.hashCode(elevationDeg);
    }

    @Override
    public String toString() {
        return "ElevationMaskSpec" + Arrays.toString(azimuthDeg) + "->" + Arrays.toString(elevationDeg);
    }
}
