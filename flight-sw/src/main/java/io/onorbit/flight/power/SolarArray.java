package io.onorbit.flight.power;

/**
 * Solar array: P = S(t) · area · efficiency · cos(incidence) · lighting ratio · (1 - degradation).
 *
 * <p>S(t) is the solar constant scaled by the inverse square of the Sun distance given by the
 * schedule. A {@linkplain Attitude#SUN_TRACKING sun-tracking} array keeps cos(incidence) = 1; a
 * {@linkplain Attitude#BODY_MOUNTED body-mounted} array has a fixed normal in the local orbital
 * frame (x zenith, y along-track, z orbit normal) and its cosine comes from the schedule's Sun
 * direction. Degradation compounds yearly from the schedule epoch: factor (1 - d)^years.
 * Earth albedo and temperature effects on cell efficiency are ignored.
 *
 * @param areaM2                cell area, m² (&gt; 0)
 * @param cellEfficiency        conversion efficiency at beginning of life, in (0, 1]
 * @param attitude              sun-tracking or body-mounted
 * @param normalX               panel normal, radial component (body-mounted only)
 * @param normalY               panel normal, along-track component
 * @param normalZ               panel normal, orbit-normal component
 * @param degradationPerYear    fraction of output lost per year, in [0, 1)
 * @param solarConstantWm2      solar irradiance at 1 AU, W/m² (1361, Kopp and Lean 2011)
 */
public record SolarArray(double areaM2, double cellEfficiency, Attitude attitude, double normalX, double normalY,
                         double normalZ, double degradationPerYear, double solarConstantWm2) {

    /** How the array is pointed. */
    public enum Attitude { SUN_TRACKING, BODY_MOUNTED }

    /** Total solar irradiance at 1 AU, W/m² (Kopp and Lean, GRL 2011). */
    public static final double SOLAR_CONSTANT_WM2 = 1361.0;

    public SolarArray {
        Checks.positive("solar array areaM2", areaM2);
        Checks.inRange("solar array cellEfficiency", cellEfficiency, Double.MIN_VALUE, 1.0);
        if (attitude == null) {
            throw new IllegalArgumentException("solar array attitude must be SUN_TRACKING or BODY_MOUNTED");
        }
        double norm = Math.sqrt(normalX * normalX + normalY * normalY + normalZ * normalZ);
        if (!(norm > 0)) {
            throw new IllegalArgumentException("solar array normal must be a non-zero vector");
        }
        normalX /= norm;
        normalY /= norm;
        normalZ /= norm;
        Checks.inRange("solar array degradationPerYear", degradationPerYear, 0.0, 0.999);
        Checks.positive("solar array solarConstantWm2", solarConstantWm2);
    }

    /**
     * 6U cubesat default: 0.12 m² of triple-junction cells at 29.5% (Spectrolab XTJ Prime class)
     * on sun-tracking deployable wings, about 48 W at 1 AU, losing 2.5% per year.
     */
    public static SolarArray sixUCubesat() {
        return new SolarArray(0.12, 0.295, Attitude.SUN_TRACKING, 1, 0, 0, 0.025, SOLAR_CONSTANT_WM2);
    }

    public SolarArray withAreaM2(double v) {
        return new SolarArray(v, cellEfficiency, attitude, normalX, normalY, normalZ, degradationPerYear, solarConstantWm2);
    }

    public SolarArray withCellEfficiency(double v) {
        return new SolarArray(areaM2, v, attitude, normalX, normalY, normalZ, degradationPerYear, solarConstantWm2);
    }

    /** @return a body-mounted copy with the given panel normal (local orbital frame) */
    public SolarArray withBodyMountedNormal(double nx, double ny, double nz) {
        return new SolarArray(areaM2, cellEfficiency, Attitude.BODY_MOUNTED, nx, ny, nz, degradationPerYear,
                solarConstantWm2);
    }

    /** @return a sun-tracking copy */
    public SolarArray withSunTracking() {
        return new SolarArray(areaM2, cellEfficiency, Attitude.SUN_TRACKING, normalX, normalY, normalZ,
                degradationPerYear, solarConstantWm2);
    }

    public SolarArray withDegradationPerYear(double v) {
        return new SolarArray(areaM2, cellEfficiency, attitude, normalX, normalY, normalZ, v, solarConstantWm2);
    }

    /** @return output in full sunlight at normal incidence at 1 AU, beginning of life, W */
    public double peakPowerW() {
        return solarConstantWm2 * areaM2 * cellEfficiency;
    }

    /** @return remaining output fraction after {@code years} of degradation */
    public double degradationFactor(double years) {
        return Math.exp(Math.log1p(-degradationPerYear) * Math.max(0.0, years));
    }
}
