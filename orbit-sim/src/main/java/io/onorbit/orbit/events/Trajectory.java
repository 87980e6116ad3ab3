package io.onorbit.orbit.events;

import java.util.Arrays;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.frames.Frame;
import org.orekit.propagation.Propagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.PVCoordinates;

/**
 * Exact propagator samples (time, inertial position and velocity) in increasing time, with cubic
 * Hermite interpolation between neighbours closer than {@code maxGapS}; elsewhere the propagator
 * is called. At a 60 s gap in LEO the interpolation error is about 0.3 m (40 microseconds of
 * event time).
 */
final class Trajectory {

    private final Propagator propagator;
    private final Frame frame;
    private final AbsoluteDate epoch;
    private final double maxGapS;
    private double[] t = new double[1024];
    private double[] pv = new double[6 * 1024];
    private int n;
    private long exactCalls;

    Trajectory(Propagator propagator, Frame frame, AbsoluteDate epoch, double maxGapS) {
        this.propagator = propagator;
        this.frame = frame;
        this.epoch = epoch;
        this.maxGapS = maxGapS;
    }

    /** Propagates exactly to {@code tS} and writes position and velocity into {@code out} (6). */
    void exact(double tS, double[] out) {
        PVCoordinates c = propagator.getPVCoordinates(epoch.shiftedBy(tS), frame);
        Vector3D p = c.getPosition();
        Vector3D v = c.getVelocity();
        out[0] = p.getX();
        out[1] = p.getY();
        out[2] = p.getZ();
        out[3] = v.getX();
        out[4] = v.getY();
        out[5] = v.getZ();
        exactCalls++;
    }

    /** Appends a sample; times must increase. */
    void append(double tS, double[] state) {
        if (n == t.length) {
            t = Arrays.copyOf(t, 2 * n);
            pv = Arrays.copyOf(pv, 12 * n);
        }
        t[n] = tS;
        System.arraycopy(state, 0, pv, 6 * n, 6);
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

    /** Writes the state at {@code tS}: interpolated if bracketed by close samples, else exact. */
    void state(double tS, double[] out) {
        int i = Arrays.binarySearch(t, 0, n, tS);
        if (i >= 0) {
            System.arraycopy(pv, 6 * i, out, 0, 6);
            return;
        }
        int hi = -i - 1;
        int lo = hi - 1;
        if (lo < 0 || hi >= n || t[hi] - t[lo] > maxGapS + 1e-9) {
            exact(tS, out);
            return;
        }
        hermite(lo, tS, out);
    }

    /** Cubic Hermite interpolation between samples {@code lo} and {@code lo + 1}. */
    void hermite(int lo, double tS, double[] out) {
        double t0 = t[lo];
        double h = t[lo + 1] - t0;
        double s = (tS - t0) / h;
        double s2 = s * s;
        double s3 = s2 * s;
        double h00 = 2 * s3 - 3 * s2 + 1;
        double h10 = (s3 - 2 * s2 + s) * h;
        double h01 = -2 * s3 + 3 * s2;
        double h11 = (s3 - s2) * h;
        double d00 = (6 * s2 - 6 * s) / h;
        double d10 = 3 * s2 - 4 * s + 1;
        double d01 = (-6 * s2 + 6 * s) / h;
        double d11 = 3 * s2 - 2 * s;
        int a = 6 * lo;
        int b = 6 * (lo + 1);
        for (int c = 0; c < 3; c++) {
            double p0 = pv[a + c];
            double v0 = pv[a + 3 + c];
            double p1 = pv[b + c];
            double v1 = pv[b + 3 + c];
            out[c] = h00 * p0 + h10 * v0 + h01 * p1 + h11 * v1;
            out[3 + c] = d00 * p0 + d10 * v0 + d01 * p1 + d11 * v1;
        }
    }
}
