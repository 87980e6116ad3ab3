package io.onorbit.orbit.events;

import io.onorbit.orbit.context.OrbitContext;
import java.util.List;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.util.FastMath;
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
     */
    private double[] shadowAngles(double tS) {
        sun.position(tS, sunInertial);
        rotation.toFixed(tS, sunInertial[0], sunInertial[1], sunInertial[2], sunFixed);
        Vector3D psat = new Vector3D(fixed[0], fixed[1], fixed[2]);
        Vector3D pted = new Vector3D(sunFixed[0], sunFixed[1], sunFixed[2]);
        Vector3D plimb = spheroid.pointOnLimb(psat, pted);
        Vector3D ps = psat.subtract(pted);
        Vector3D pi = psat.subtract(plimb);
        double separation = Vector3D.angle(ps, psat);
        double rs = FastMath.asin(sunRadiusM / ps.getNorm());
        double limb = Vector3D.angle(pi, psat);
        return new double[] {separation, limb, rs};
    }
}
