package io.onorbit.flight.schedule;

/**
 * Unit vector towards the Sun in the spacecraft's local orbital frame, sampled on a fixed grid,
 * plus the Sun's distance, so that the power model can compute the cosine of incidence on any
 * body-mounted panel without an ephemeris on board.
 *
 * <p>Frame (Orekit's QSW / "RSW"): x radial outward (zenith), y along-track in the orbit plane,
 * z along the orbit normal (angular momentum). Linear interpolation between samples, then
 * renormalized; the direction turns about 4 deg per minute in low Earth orbit, so a 30 s grid
 * keeps the incidence error below 0.1%.
 */
public final class SunDirectionProfile {

    private final double stepS;
    private final float[] x;
    private final float[] y;
    private final float[] z;
    private final double sunDistanceAu;

    /**
     * @param stepS         sample spacing, s (&gt; 0); sample i is at {@code i * stepS}
     * @param x             radial components
     * @param y             along-track components
     * @param z             orbit-normal components
     * @param sunDistanceAu mean Sun distance over the span, AU (&gt; 0), for the solar constant
     */
    public SunDirectionProfile(double stepS, float[] x, float[] y, float[] z, double sunDistanceAu) {
        if (!(stepS > 0)) {
            throw new IllegalArgumentException("sun direction profile: stepS " + stepS + " must be > 0");
        }
        if (x.length != y.length || y.length != z.length || x.length == 0) {
            throw new IllegalArgumentException("sun direction profile: x, y, z must have the same non-zero length");
        }
        if (!(sunDistanceAu > 0)) {
            throw new IllegalArgumentException("sun direction profile: sunDistanceAu must be > 0");
        }
        this.stepS = stepS;
        this.x = x.clone();
        this.y = y.clone();
        this.z = z.clone();
        this.sunDistanceAu = sunDistanceAu;
    }

    /** @return a constant Sun direction (useful for tests and for sun-tracking arrays) */
    public static SunDirectionProfile constant(double sx, double sy, double sz) {
        double n = Math.sqrt(sx * sx + sy * sy + sz * sz);
        return new SunDirectionProfile(1.0, new float[] {(float) (sx / n)}, new float[] {(float) (sy / n)},
                new float[] {(float) (sz / n)}, 1.0);
    }

    /**
     * Cosine of the angle between the Sun direction and a panel normal given in the local orbital
     * frame, clipped at zero (a panel facing away generates nothing).
     *
     * @param tS time, s since the schedule epoch
     * @param nx normal radial component
     * @param ny normal along-track component
     * @param nz normal orbit-normal component (the normal must be a unit vector)
     * @return cos(incidence) in [0, 1]
     */
    public double incidenceCos(double tS, double nx, double ny, double nz) {
        double[] s = directionAt(tS);
        return Math.max(0.0, s[0] * nx + s[1] * ny + s[2] * nz);
    }

    /**
     * @param tS time, s since the schedule epoch
     * @return unit Sun direction {x, y, z} in the local orbital frame
     */
    public double[] directionAt(double tS) {
        int n = x.length;
        double u = tS / stepS;
        int i = (int) Math.floor(u);
        double sx, sy, sz;
        if (i < 0) {
            sx = x[0]; sy = y[0]; sz = z[0];
        } else if (i >= n - 1) {
            sx = x[n - 1]; sy = y[n - 1]; sz = z[n - 1];
        } else {
            double f = u - i;
            sx = x[i] + f * (x[i + 1] - x[i]);
            sy = y[i] + f * (y[i + 1] - y[i]);
            sz = z[i] + f * (z[i + 1] - z[i]);
        }
        double norm = Math.sqrt(sx * sx + sy * sy + sz * sz);
        return new double[] {sx / norm, sy / norm, sz / norm};
    }

    /** @return mean Sun distance, AU */
    public double sunDistanceAu() {
        return sunDistanceAu;
    }

    /** @return sample spacing, s */
    public double stepS() {
        return stepS;
    }

    /** @return number of samples */
    public int sampleCount() {
        return x.length;
    }
}
