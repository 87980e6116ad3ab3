package io.onorbit.orbit.events;

import org.hipparchus.util.FastMath;

/** The QSW local orbital frame (x radial outward, y along-track, z orbit normal). */
final class Qsw {

    private Qsw() {
    }

    /**
     * @param pv  satellite position and velocity, inertial, m and m/s
     * @param sun Sun position in the same frame, m
     * @return {x, y, z} of the unit satellite-to-Sun vector in QSW, then its length in m
     */
    static double[] sunDirection(double[] pv, double[] sun) {
        double px = pv[0], py = pv[1], pz = pv[2];
        double r = FastMath.sqrt(px * px + py * py + pz * pz);
        double qx = px / r, qy = py / r, qz = pz / r;
        double wx = py * pv[5] - pz * pv[4];
        double wy = pz * pv[3] - px * pv[5];
        double wz = px * pv[4] - py * pv[3];
        double w = FastMath.sqrt(wx * wx + wy * wy + wz * wz);
        wx /= w;
        wy /= w;
        wz /= w;
        double sx = wy * qz - wz * qy;
        double sy = wz * qx - wx * qz;
        double sz = wx * qy - wy * qx;
        double dx = sun[0] - px, dy = sun[1] - py, dz = sun[2] - pz;
        double d = FastMath.sqrt(dx * dx + dy * dy + dz * dz);
        dx /= d;
        dy /= d;
        dz /= d;
        return new double[] {dx * qx + dy * qy + dz * qz, dx * sx + dy * sy + dz * sz, dx * wx + dy * wy + dz * wz, d};
    }
}
