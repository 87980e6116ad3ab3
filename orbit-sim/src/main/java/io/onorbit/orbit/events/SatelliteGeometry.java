package io.onorbit.orbit.events;

import io.onorbit.orbit.context.OrbitContext;
import java.util.List;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.util.FastMath;
import org.hipparchus.util.MathArrays;
import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.frames.Frame;
import org.orekit.time.AbsoluteDate;

/**
 * The event functions of one satellite, evaluated from its inertial position at a time offset:
 * index 0 penumbra, 1 umbra (Orekit's {@code EclipseDetector} definitions, on the WGS84 ellipsoid),
 * 2.. one per station (elevation above mask, Orekit's {@code ElevationDetector}). Each is positive
 * when lit / visible, in radians.
 */
final class SatelliteGeometry {

    static final int PENUMBRA = 0;
    static final int UMBRA = 1;
    static final int FIRST_STATION = 2;
    /** Spacing of exact Earth-orientation transforms, s: 2 h keeps the rotation within 2 cm at LEO. */
    static final double EARTH_ROTATION_KNOT_S = 7200.0;

    final EarthRotation rotation;
    final SunTable sun;
    final StationGeometry[] stations;
    final OneAxisEllipsoid earth;
    private final SpheroidLimb spheroid;
    final double sunRadiusM;
    private final double[] fixed = new double[3];
    private final double[] sunInertial = new double[3];
    private final double[] sunFixed = new double[3];
    private final double[] limb = new double[3];
    private final double[] angles = new double[3];

    SatelliteGeometry(OrbitContext context, Frame inertial, AbsoluteDate epoch, double durationS,
                      List<StationGeometry> stations) {
        this.rotation = new EarthRotation(inertial, context.cirf(), context.itrf(), epoch, durationS, EARTH_ROTATION_KNOT_S);
        this.sun = new SunTable(context.sun(), context.inertial(), inertial, epoch, durationS, 3600.0);
        this.stations = stations.toArray(new StationGeometry[0]);
        this.earth = context.earth();
        this.spheroid = new SpheroidLimb(earth);
        this.sunRadiusM = OrbitContext.SUN_RADIUS_M;
    }

    int functionCount() {
        return FIRST_STATION + stations.length;
    }

    /** Evaluates every function at {@code tS} for inertial position (px, py, pz); fills {@code g}. */
    void evaluate(double tS, double px, double py, double pz, double[] g) {
        rotation.toFixed(tS, px, py, pz, fixed);
        double[] angles = shadowAngles(tS);
        g[PENUMBRA] = angles[0] - angles[1] - angles[2];
        g[UMBRA] = angles[0] - angles[1] + angles[2];
        for (int i = 0; i < stations.length; i++) {
            g[FIRST_STATION + i] = stations[i].margin(fixed[0], fixed[1], fixed[2]);
        }
    }

    /**
     * Like {@link #evaluate(double, double, double, double, double[])} but only for the functions
     * flagged in {@code needed}; the others keep their value in {@code g}.
     */
    void evaluate(double tS, double px, double py, double pz, double[] g, boolean[] needed) {
        rotation.toFixed(tS, px, py, pz, fixed);
        if (needed[PENUMBRA] || needed[UMBRA]) {
            double[] angles = shadowAngles(tS);
            g[PENUMBRA] = angles[0] - angles[1] - angles[2];
            g[UMBRA] = angles[0] - angles[1] + angles[2];
        }
        for (int i = 0; i < stations.length; i++) {
            if (needed[FIRST_STATION + i]) {
                g[FIRST_STATION + i] = stations[i].margin(fixed[0], fixed[1], fixed[2]);
            }
        }
    }

    /** @return one function at {@code tS} (same definitions as {@link #evaluate}) */
    double evaluate(int function, double tS, double px, double py, double pz) {
        rotation.toFixed(tS, px, py, pz, fixed);
        if (function >= FIRST_STATION) {
            return stations[function - FIRST_STATION].margin(fixed[0], fixed[1], fixed[2]);
        }
        double[] a = shadowAngles(tS);
        return function == PENUMBRA ? a[0] - a[1] - a[2] : a[0] - a[1] + a[2];
    }

    /**
     * @return the distance, m, that turns a position error into function k's angle: the range to
     *         the station for a station function, the distance from the Earth's centre for shadow
     */
    double lever(int function, double tS, double px, double py, double pz) {
        if (function < FIRST_STATION) {
            return Math.sqrt(px * px + py * py + pz * pz);
        }
        rotation.toFixed(tS, px, py, pz, fixed);
        StationGeometry s = stations[function - FIRST_STATION];
        double dx = fixed[0] - s.sx;
        double dy = fixed[1] - s.sy;
        double dz = fixed[2] - s.sz;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** @return elevation of the satellite seen from station {@code i}, rad */
    double elevation(int i, double tS, double px, double py, double pz) {
        rotation.toFixed(tS, px, py, pz, fixed);
        return stations[i].elevation(fixed[0], fixed[1], fixed[2]);
    }

    /** @return look angles of the satellite from station {@code i} */
    LookAngle lookAngle(int i, double tS, double px, double py, double pz) {
        rotation.toFixed(tS, px, py, pz, fixed);
        return stations[i].lookAngle(fixed[0], fixed[1], fixed[2]);
    }

    /** @return lighting ratio in [0, 1] */
    double lightingRatio(double tS, double px, double py, double pz) {
        rotation.toFixed(tS, px, py, pz, fixed);
        double[] a = shadowAngles(tS);
        return Occultation.lightingRatio(a[0], a[1], a[2]);
    }

    /** Sun position in the inertial frame at {@code tS}, m. */
    void sunInertial(double tS, double[] out) {
        sun.position(tS, out);
    }

    /**
     * Orekit's OccultationEngine angles from the satellite's fixed-frame position in {@link #fixed}:
     * separation of the Sun's centre from the Earth's centre direction, Earth limb radius, Sun radius.
     * In plain doubles, with the operations of Hipparchus's {@code Vector3D} (subtract, norm,
     * {@code angle}) in their order, so the values are the same to the bit without an object per call.
     *
     * @return {@link #angles}, overwritten by the next call
     */
    private double[] shadowAngles(double tS) {
        sun.position(tS, sunInertial);
        rotation.toFixed(tS, sunInertial[0], sunInertial[1], sunInertial[2], sunFixed);
        double sx = fixed[0];
        double sy = fixed[1];
        double sz = fixed[2];
        spheroid.pointOnLimb(sx, sy, sz, sunFixed[0], sunFixed[1], sunFixed[2], limb);
        double psx = sx - sunFixed[0];
        double psy = sy - sunFixed[1];
        double psz = sz - sunFixed[2];
        double pix = sx - limb[0];
        double piy = sy - limb[1];
        double piz = sz - limb[2];
        angles[0] = angle(psx, psy, psz, sx, sy, sz);
        angles[1] = angle(pix, piy, piz, sx, sy, sz);
        angles[2] = FastMath.asin(sunRadiusM / FastMath.sqrt(psx * psx + psy * psy + psz * psz));
        return angles;
    }

    /**
     * Hipparchus's {@code Vector3D.angle(a, b)} operation for operation: the angle between two
     * vectors, from the sine of their cross product where they are nearly aligned.
     *
     * @return the angle, rad, in [0, pi]
     * @throws MathRuntimeException if either vector is zero (as Hipparchus)
     */
    static double angle(double ax, double ay, double az, double bx, double by, double bz) {
        double normProduct = FastMath.sqrt(ax * ax + ay * ay + az * az) * FastMath.sqrt(bx * bx + by * by + bz * bz);
        if (normProduct == 0) {
            throw new MathRuntimeException(LocalizedCoreFormats.ZERO_NORM);
        }
        double dot = MathArrays.linearCombination(ax, bx, ay, by, az, bz);
        double threshold = normProduct * 0.9999;
        if (dot < -threshold || dot > threshold) {
            double cx = MathArrays.linearCombination(ay, bz, -az, by);
            double cy = MathArrays.linearCombination(az, bx, -ax, bz);
            double cz = MathArrays.linearCombination(ax, by, -ay, bx);
            double sine = FastMath.sqrt(cx * cx + cy * cy + cz * cz) / normProduct;
            return dot >= 0 ? FastMath.asin(sine) : FastMath.PI - FastMath.asin(sine);
        }
        return FastMath.acos(dot / normProduct);
    }
}
