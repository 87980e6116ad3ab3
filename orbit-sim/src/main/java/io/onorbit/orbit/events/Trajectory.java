package io.onorbit.orbit.events;

import java.util.Arrays;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.util.FastMath;
import org.orekit.frames.Frame;
import org.orekit.orbits.Orbit;
import org.orekit.propagation.analytical.AbstractAnalyticalPropagator;
import org.orekit.propagation.Propagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;
import org.orekit.utils.PVCoordinates;

/**
 * Exact propagator samples (time, inertial position, velocity) in increasing time, with quintic
 * Hermite interpolation between neighbours at most {@code maxGapS} apart; elsewhere the propagator
 * is called. The quintic matches position, velocity and acceleration at both ends; the
 * acceleration is not the propagator's but two-body plus J2 about the true pole, which differs
 * from the models used by up to ~7e-4 m/s^2 (Eckstein-Hechler's first-order theory). Measured
 * interpolation error in LEO: about 0.3 m at 120 s and 1 to 2 m at 300 s; {@link FastEventFinder}
 * finishes on the exact propagator any root that such an error could move by more than 0.5 ms.
 */
final class Trajectory {

    private static final double MU = Constants.WGS84_EARTH_MU;
    private static final double J2 = -Constants.EIGEN5C_EARTH_C20;
    private static final double RE = Constants.WGS84_EARTH_EQUATORIAL_RADIUS;

    private final Propagator propagator;
    private final AbstractAnalyticalPropagator analytical;
    /** Orekit's Eckstein-Hechler model in doubles, when that is the propagator (same numbers, a fifth of the cost). */
    private final EcksteinHechlerPositions ecksteinHechler;
    private final Frame frame;
    private final AbsoluteDate epoch;
    private final double maxGapS;
    private final EarthRotation rotation;
    private final double[] pole = new double[3];
    private double[] t = new double[1024];
    private double[] pva = new double[9 * 1024];
    private int n;
    private long exactCalls;

    Trajectory(Propagator propagator, Frame frame, AbsoluteDate epoch, double maxGapS, EarthRotation rotation) {
        this.propagator = propagator;
        this.analytical = propagator instanceof AbstractAnalyticalPropagator a ? a : null;
        this.ecksteinHechler = EcksteinHechlerPositions.of(propagator, epoch).filter(e -> e.frame() == frame).orElse(null);
        this.frame = frame;
        this.epoch = epoch;
        this.maxGapS = maxGapS;
        this.rotation = rotation;
    }

    /** Propagates exactly to {@code tS}; writes position, velocity and model acceleration into {@code out} (9). */
    void exact(double tS, double[] out) {
        AbsoluteDate date = epoch.shiftedBy(tS);
        if (ecksteinHechler != null) {
            ecksteinHechler.positionVelocity(date, out);
            acceleration(tS, out);
            exactCalls++;
            return;
        }
        PVCoordinates c;
        if (analytical != null) {
            // the orbit alone: no attitude, mass or additional states to build
            Orbit o = analytical.propagateOrbit(date);
            c = o.getFrame() == frame ? o.getPVCoordinates() : o.getPVCoordinates(frame);
        } else {
            c = propagator.getPVCoordinates(date, frame);
        }
        Vector3D p = c.getPosition();
        Vector3D v = c.getVelocity();
        out[0] = p.getX();
        out[1] = p.getY();
        out[2] = p.getZ();
        out[3] = v.getX();
        out[4] = v.getY();
        out[5] = v.getZ();
        acceleration(tS, out);
        exactCalls++;
    }

    /** Two-body plus J2 acceleration at the position in out[0..2], written to out[6..8]. */
    private void acceleration(double tS, double[] out) {
        rotation.pole(tS, pole);
        double x = out[0];
        double y = out[1];
        double z = out[2];
        double r2 = x * x + y * y + z * z;
        double r = FastMath.sqrt(r2);
        double zp = x * pole[0] + y * pole[1] + z * pole[2];
        double kepler = -MU / (r2 * r);
        double f = -1.5 * J2 * MU * RE * RE / (r2 * r2 * r);
        double radial = kepler + f * (1 - 5 * zp * zp / r2);
        double polar = 2 * f * zp;
        out[6] = radial * x + polar * pole[0];
        out[7] = radial * y + polar * pole[1];
        out[8] = radial * z + polar * pole[2];
    }

    /** Appends a sample (9 values from {@link #exact}); times must increase. */
    void append(double tS, double[] state) {
        if (n == t.length) {
            t = Arrays.copyOf(t, 2 * n);
            pva = Arrays.copyOf(pva, 18 * n);
        }
        t[n] = tS;
        System.arraycopy(state, 0, pva, 9 * n, 9);
        n++;
    }

    int size() {
        return n;
    }

    double time(int i) {
        return t[i];
    }

    long exactCalls() {
        return exactCalls;
    }

    /** @return index of the last sample at or before {@code tS} (-1 if none) */
    int segment(double tS) {
        int i = Arrays.binarySearch(t, 0, n, tS);
        return i >= 0 ? i : -i - 2;
    }

    /**
     * @param from a segment at or before the answer (-1 to start at the beginning)
     * @return like {@link #segment(double)}, searching forward from {@code from}: for a sweep over
     *         increasing times, linear in the samples instead of a binary search per time
     */
    int segmentFrom(int from, double tS) {
        int i = from;
        while (i + 1 < n && t[i + 1] <= tS) {
            i++;
        }
        return i;
    }

    /** @return true if samples lo and lo+1 exist and are close enough to interpolate between */
    boolean interpolable(int lo) {
        return lo >= 0 && lo + 1 < n && t[lo + 1] - t[lo] <= maxGapS + 1e-9;
    }

    /** Writes position and velocity at {@code tS}: interpolated if bracketed by close samples, else exact. */
    void state(double tS, double[] out) {
        int lo = segment(tS);
        if (lo >= 0 && t[lo] == tS) {
            System.arraycopy(pva, 9 * lo, out, 0, 6);
            return;
        }
        if (!interpolable(lo)) {
            double[] tmp = new double[9];
            exact(tS, tmp);
            System.arraycopy(tmp, 0, out, 0, 6);
            return;
        }
        hermite(lo, tS, out);
    }

    /** Quintic Hermite interpolation of position and velocity between samples {@code lo} and {@code lo + 1}. */
    void hermite(int lo, double tS, double[] out) {
        double t0 = t[lo];
        double h = t[lo + 1] - t0;
        double s = (tS - t0) / h;
        double s2 = s * s;
        double s3 = s2 * s;
        double s4 = s3 * s;
        double s5 = s4 * s;
        double h0 = 1 - 10 * s3 + 15 * s4 - 6 * s5;
        double h1 = (s - 6 * s3 + 8 * s4 - 3 * s5) * h;
        double h2 = (0.5 * s2 - 1.5 * s3 + 1.5 * s4 - 0.5 * s5) * h * h;
        double h3 = (0.5 * s3 - s4 + 0.5 * s5) * h * h;
        double h4 = (-4 * s3 + 7 * s4 - 3 * s5) * h;
        double h5 = 10 * s3 - 15 * s4 + 6 * s5;
        double d0 = (-30 * s2 + 60 * s3 - 30 * s4) / h;
        double d1 = 1 - 18 * s2 + 32 * s3 - 15 * s4;
        double d2 = (s - 4.5 * s2 + 6 * s3 - 2.5 * s4) * h;
        double d3 = (1.5 * s2 - 4 * s3 + 2.5 * s4) * h;
        double d4 = -12 * s2 + 28 * s3 - 15 * s4;
        double d5 = (30 * s2 - 60 * s3 + 30 * s4) / h;
        int a = 9 * lo;
        int b = 9 * (lo + 1);
        for (int c = 0; c < 3; c++) {
            double p0 = pva[a + c];
            double v0 = pva[a + 3 + c];
            double a0 = pva[a + 6 + c];
            double p1 = pva[b + c];
            double v1 = pva[b + 3 + c];
            double a1 = pva[b + 6 + c];
            out[c] = h0 * p0 + h1 * v0 + h2 * a0 + h3 * a1 + h4 * v1 + h5 * p1;
            out[3 + c] = d0 * p0 + d1 * v0 + d2 * a0 + d3 * a1 + d4 * v1 + d5 * p1;
        }
    }
}
