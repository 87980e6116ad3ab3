package io.onorbit.orbit.events;

import org.hipparchus.geometry.euclidean.threed.Rotation;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.util.FastMath;
import org.orekit.frames.Frame;
import org.orekit.frames.InterpolatingTransformProvider;
import org.orekit.frames.ShiftingTransformProvider;
import org.orekit.frames.StaticTransform;
import org.orekit.frames.TransformProvider;
import org.orekit.time.AbsoluteDate;

/**
 * Cheap inertial-to-Earth-fixed rotation for event search. Orekit's exact rotation is computed at
 * knots every {@code knotStepS} (its precession-nutation part, which costs a long series, only every
 * {@link #NUTATION_KNOT_S} and interpolated by cubics to the knots in between); between knots, the rotation that carries one knot's matrix to the
 * next (almost exactly Earth's spin about the celestial pole) is applied in proportion to the
 * elapsed time. For knots 2 h apart the error against Orekit stays below 2 cm (3e-9 rad) at LEO
 * distances (precession and nutation are nearly linear over hours), while a query costs one
 * sine and cosine.
 */
final class EarthRotation {

    /**
     * Spacing of exact precession-nutation evaluations, s. Interpolated by cubics through four
     * knots, the fastest sizeable nutation term (13.66 days, 0.23") is matched within 1e-9 rad at
     * 1-day knots: millimetres at LEO.
     */
    static final double NUTATION_KNOT_S = 86400.0;

    private final double knotStepS;
    private final double[] m;      // 9 per knot, row-major, v_fixed = M v_inertial
    private final double[] axis;   // 3 per interval, unit, in the fixed frame
    private final double[] angle;  // per interval, rad over the whole interval

    /**
     * @param inertial     frame the positions are given in
     * @param intermediate the celestial intermediate frame (CIRF): the precession-nutation part of
     *                     the rotation ends there, the Earth's spin and polar motion start there
     * @param fixed        Earth-fixed frame (a descendant of {@code intermediate})
     * @param epoch        time origin
     * @param durationS    span to cover, s
     * @param knotStepS    spacing of exact spin knots, s
     */
    EarthRotation(Frame inertial, Frame intermediate, Frame fixed, AbsoluteDate epoch, double durationS,
                  double knotStepS) {
        this.knotStepS = knotStepS;
        int knots = (int) Math.ceil(durationS / knotStepS) + 2;
        m = new double[9 * knots];
        axis = new double[3 * (knots - 1)];
        angle = new double[knots - 1];
        double[] nutation = precessionNutation(inertial, intermediate, epoch, (knots - 1) * knotStepS);
        double[] a = new double[9];
        double[] b = new double[9];
        for (int k = 0; k < knots; k++) {
            double tS = k * knotStepS;
            interpolate(nutation, tS, a);
            matrix(intermediate.getStaticTransformTo(fixed, epoch.shiftedBy(tS)), b);
            // M = B A: inertial -> intermediate (interpolated) -> fixed (exact)
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    m[9 * k + 3 * i + j] = b[3 * i] * a[j] + b[3 * i + 1] * a[3 + j] + b[3 * i + 2] * a[6 + j];
                }
            }
        }
        for (int k = 0; k < knots - 1; k++) {
            // Q = M_{k+1} M_k^T maps knot k's fixed coordinates of an inertial vector to knot k+1's.
            double[] q = new double[9];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double s = 0;
                    for (int l = 0; l < 3; l++) {
                        s += m[9 * (k + 1) + 3 * i + l] * m[9 * k + 3 * j + l];
                    }
                    q[3 * i + j] = s;
                }
            }
            double ax = q[7] - q[5];
            double ay = q[2] - q[6];
            double az = q[3] - q[1];
            double s2 = FastMath.sqrt(ax * ax + ay * ay + az * az); // = 2 sin(theta)
            double c = 0.5 * (q[0] + q[4] + q[8] - 1);
            angle[k] = FastMath.atan2(0.5 * s2, c);
            axis[3 * k] = ax / s2;
            axis[3 * k + 1] = ay / s2;
            axis[3 * k + 2] = az / s2;
        }
    }

    /**
     * Inertial-to-intermediate rotation matrices every {@link #NUTATION_KNOT_S}, from Orekit's
     * precession-nutation model evaluated once per knot (its own frame evaluates the series on an
     * hourly grid, which was most of a year's planning time).
     */
    private static double[] precessionNutation(Frame inertial, Frame intermediate, AbsoluteDate epoch, double spanS) {
        TransformProvider provider = intermediate.getTransformProvider();
        if (provider instanceof InterpolatingTransformProvider p) {
            provider = p.getRawProvider();
        } else if (provider instanceof ShiftingTransformProvider p) {
            provider = p.getRawProvider();
        }
        Frame parent = intermediate.getParent();
        // knot j at (j - 1) * NUTATION_KNOT_S: one before the span and two after it for the cubic stencils
        int n = (int) Math.ceil(spanS / NUTATION_KNOT_S) + 4;
        double[] out = new double[9 * n];
        TransformProvider raw = provider;
        if (n < PARALLEL_KNOTS) {
            nutationKnots(inertial, parent, raw, epoch, 0, n, out);
            return out;
        }
        // A long span (a year's plan: 370 series evaluations, a fifth of its CPU time): the knots
        // are independent, so the second half is evaluated on a second thread (Orekit's frames
        // and providers are thread-safe), the first here.
        int half = n / 2;
        java.util.concurrent.CompletableFuture<Void> second = java.util.concurrent.CompletableFuture.runAsync(
                () -> nutationKnots(inertial, parent, raw, epoch, half, n, out), EarthRotation::startDaemon);
        nutationKnots(inertial, parent, raw, epoch, 0, half, out);
        try {
            second.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
        return out;
    }

    /** knots at or above this count are split over two threads */
    private static final int PARALLEL_KNOTS = 64;

    private static void startDaemon(Runnable r) {
        Thread t = new Thread(r, "orbit-sim-nutation");
        t.setDaemon(true);
        t.start();
    }

    /** Fills knots [from, to) of {@code out} (9 entries each). */
    private static void nutationKnots(Frame inertial, Frame parent, TransformProvider provider, AbsoluteDate epoch,
                                      int from, int to, double[] out) {
        double[] a = new double[9];
        for (int j = from; j < to; j++) {
            AbsoluteDate date = epoch.shiftedBy((j - 1) * NUTATION_KNOT_S);
            StaticTransform t = StaticTransform.compose(date, inertial.getStaticTransformTo(parent, date),
                    provider.getStaticTransform(date));
            matrix(t, a);
            System.arraycopy(a, 0, out, 9 * j, 9);
        }
    }

    /**
     * Element-wise cubic (four-knot Lagrange) interpolation between nutation knots; neighbouring
     * knots differ by ~1e-6 rad, so the result stays orthogonal to 1e-12.
     */
    private static void interpolate(double[] knots, double tS, double[] out) {
        int n = knots.length / 9;
        // knots j - 1 .. j + 2 around tS, where knot index j + 1 sits at time j * step
        int j = Math.min(Math.max(0, (int) Math.floor(tS / NUTATION_KNOT_S)), n - 4);
        double u = tS / NUTATION_KNOT_S - j; // in [0, 1] between knots j + 1 and j + 2
        double[] w = new double[4];
        CubicWeights.at(u, w);
        for (int i = 0; i < 9; i++) {
            out[i] = w[0] * knots[9 * j + i] + w[1] * knots[9 * (j + 1) + i] + w[2] * knots[9 * (j + 2) + i]
                    + w[3] * knots[9 * (j + 3) + i];
        }
    }

    /** Writes the rotation of {@code t} as a row-major matrix: v_to = M v_from. */
    private static void matrix(StaticTransform t, double[] out) {
        Rotation r = t.getRotation();
        Vector3D c0 = r.applyTo(Vector3D.PLUS_I);
        Vector3D c1 = r.applyTo(Vector3D.PLUS_J);
        Vector3D c2 = r.applyTo(Vector3D.PLUS_K);
        out[0] = c0.getX();
        out[1] = c1.getX();
        out[2] = c2.getX();
        out[3] = c0.getY();
        out[4] = c1.getY();
        out[5] = c2.getY();
        out[6] = c0.getZ();
        out[7] = c1.getZ();
        out[8] = c2.getZ();
    }

    /**
     * Writes the Earth's rotation pole (the fixed frame's z axis) in inertial coordinates at
     * {@code tS}, held constant between knots (it moves by milliarcseconds a day).
     */
    void pole(double tS, double[] out) {
        int k = Math.min(Math.max(0, (int) (tS / knotStepS)), angle.length - 1);
        out[0] = m[9 * k + 6];
        out[1] = m[9 * k + 7];
        out[2] = m[9 * k + 8];
    }

    /**
     * Rotates an inertial vector into the fixed frame.
     *
     * @param tS  time, s since the epoch (inside the covered span)
     * @param out receives x, y, z in the fixed frame
     */
    void toFixed(double tS, double x, double y, double z, double[] out) {
        int k = Math.min(Math.max(0, (int) (tS / knotStepS)), angle.length - 1);
        int o = 9 * k;
        double wx = m[o] * x + m[o + 1] * y + m[o + 2] * z;
        double wy = m[o + 3] * x + m[o + 4] * y + m[o + 5] * z;
        double wz = m[o + 6] * x + m[o + 7] * y + m[o + 8] * z;
        double theta = angle[k] * (tS - k * knotStepS) / knotStepS;
        double ux = axis[3 * k];
        double uy = axis[3 * k + 1];
        double uz = axis[3 * k + 2];
        double cos = FastMath.cos(theta);
        double sin = FastMath.sin(theta);
        double dot = (ux * wx + uy * wy + uz * wz) * (1 - cos);
        out[0] = wx * cos + (uy * wz - uz * wy) * sin + ux * dot;
        out[1] = wy * cos + (uz * wx - ux * wz) * sin + uy * dot;
        out[2] = wz * cos + (ux * wy - uy * wx) * sin + uz * dot;
    }
}
