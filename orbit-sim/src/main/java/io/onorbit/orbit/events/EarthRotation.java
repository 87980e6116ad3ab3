package io.onorbit.orbit.events;

import org.hipparchus.util.FastMath;
import org.orekit.frames.Frame;
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
 * sine and cosine, none when it repeats the last query's time (the satellite and the Sun are
 * rotated at the same instants). One per search: it keeps that last time's sine and cosine, so it
 * is not for two threads at once.
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
    /** The last query's time, s, and its spin angle's cosine and sine. */
    private double lastTS;
    private double lastCos;
    private double lastSin;

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
        RotationKnots nutation = precessionNutation(inertial, intermediate, epoch, (knots - 1) * knotStepS);
        double[] a = new double[9];
        double[] b = new double[9];
        double[] w = new double[4];
        for (int k = 0; k < knots; k++) {
            double tS = k * knotStepS;
            nutation.at(tS, a, w);
            RotationKnots.matrix(intermediate.getStaticTransformTo(fixed, epoch.shiftedBy(tS)), b);
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
        spin(0);
    }

    /**
     * Inertial-to-intermediate rotation every {@link #NUTATION_KNOT_S}, from Orekit's
     * precession-nutation models evaluated once per knot past their frames' caches
     * ({@link UncachedTransforms}: the intermediate frame's own cache evaluates the series on an
     * hourly grid, which was most of a year's planning time).
     */
    private static RotationKnots precessionNutation(Frame inertial, Frame intermediate, AbsoluteDate epoch, double spanS) {
        Frame parent = intermediate.getParent();
        TransformProvider raw = UncachedTransforms.raw(intermediate.getTransformProvider());
        return new RotationKnots(date -> StaticTransform.compose(date, UncachedTransforms.between(inertial, parent, date),
                raw.getStaticTransform(date)), epoch, spanS, NUTATION_KNOT_S);
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
        if (tS != lastTS) {
            spin(tS);
        }
        double ux = axis[3 * k];
        double uy = axis[3 * k + 1];
        double uz = axis[3 * k + 2];
        double cos = lastCos;
        double sin = lastSin;
        double dot = (ux * wx + uy * wy + uz * wz) * (1 - cos);
        out[0] = wx * cos + (uy * wz - uz * wy) * sin + ux * dot;
        out[1] = wy * cos + (uz * wx - ux * wz) * sin + uy * dot;
        out[2] = wz * cos + (ux * wy - uy * wx) * sin + uz * dot;
    }

    /** Computes the spin angle's cosine and sine at {@code tS} (from its knot) and keeps them for {@link #toFixed}. */
    private void spin(double tS) {
        int k = Math.min(Math.max(0, (int) (tS / knotStepS)), angle.length - 1);
        double theta = angle[k] * (tS - k * knotStepS) / knotStepS;
        lastTS = tS;
        lastCos = FastMath.cos(theta);
        lastSin = FastMath.sin(theta);
    }
}
