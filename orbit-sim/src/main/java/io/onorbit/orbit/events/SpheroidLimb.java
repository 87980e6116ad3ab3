package io.onorbit.orbit.events;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.util.FastMath;
import org.orekit.bodies.OneAxisEllipsoid;

/**
 * Orekit's {@code Ellipsoid.pointOnLimb} (the limb point that EclipseDetector's occultation angles
 * use) in closed form for an ellipsoid of revolution: the point where a line from the observer
 * touches the Earth's outline, in the plane through the centre, the observer and the outside
 * point, on the side of the outside point. Orekit solves the plane section of a general triaxial
 * ellipsoid (trigonometry and several objects per call), a third of a year's plan; for a spheroid
 * the section's axes are known: one along the equator, of the equatorial radius, the other
 * perpendicular to it in the plane. In the section's coordinates scaled to a unit circle the
 * tangent points from an outside point P at distance d are (P ± sqrt(d² - 1) P⊥) / d² (affine
 * maps keep tangency). Where the plane is (within 1e-9) the equator, or the observer is not
 * outside, Orekit's own computation answers. Immutable.
 */
final class SpheroidLimb {

    private final OneAxisEllipsoid earth;
    private final double equatorialM;
    private final double polarM;

    SpheroidLimb(OneAxisEllipsoid earth) {
        this.earth = earth;
        this.equatorialM = earth.getEquatorialRadius();
        this.polarM = equatorialM * (1 - earth.getFlattening());
    }

    /**
     * Writes the limb point into {@code out}, in plain doubles: the occultation angles call this at
     * every event-function evaluation (C1-compiled code, which {@code plan} runs, allocates every object
     * it is asked for: the occultation angles' vectors were ~160 MB of a year's ~520 MB).
     *
     * @param px  observer, Earth-fixed, m (outside the Earth), x
     * @param py  observer y, m
     * @param pz  observer z, m
     * @param ox  the point whose side of the limb is wanted (the Sun), Earth-fixed, m, x
     * @param oy  that point's y, m
     * @param oz  that point's z, m
     * @param out receives the limb point, Earth-fixed, m
     */
    void pointOnLimb(double px, double py, double pz, double ox, double oy, double oz, double[] out) {
        double nx = py * oz - pz * oy;
        double ny = pz * ox - px * oz;
        double nz = px * oy - py * ox;
        double nxy = FastMath.sqrt(nx * nx + ny * ny);
        double nn = FastMath.sqrt(nx * nx + ny * ny + nz * nz);
        if (!(nxy > 1.0e-9 * nn)) {
            orekit(px, py, pz, ox, oy, oz, out); // the section is the equator (or no plane at all)
            return;
        }
        // axes of the section: u along the equator (radius a), w perpendicular to it in the plane
        double ux = -ny / nxy;
        double uy = nx / nxy;
        double wx = -nz / nn * uy;
        double wy = nz / nn * ux;
        double wz = (nx * uy - ny * ux) / nn;
        double a = equatorialM;
        double b = 1 / FastMath.sqrt((wx * wx + wy * wy) / (a * a) + wz * wz / (polarM * polarM));
        double x = (px * ux + py * uy) / a;
        double y = (px * wx + py * wy + pz * wz) / b;
        double d2 = x * x + y * y;
        if (!(d2 > 1)) {
            orekit(px, py, pz, ox, oy, oz, out); // inside: Orekit's error
            return;
        }
        double k = FastMath.sqrt(d2 - 1);
        double x1 = a * (x - k * y) / d2;
        double y1 = b * (y + k * x) / d2;
        double x2 = a * (x + k * y) / d2;
        double y2 = b * (y - k * x) / d2;
        double t1x = x1 * ux + y1 * wx;
        double t1y = x1 * uy + y1 * wy;
        double t1z = y1 * wz;
        double t2x = x2 * ux + y2 * wx;
        double t2y = x2 * uy + y2 * wy;
        double t2z = y2 * wz;
        // the tangent point on the outside point's side (Hipparchus's Vector3D.distance, operation for operation)
        if (distance(t1x, t1y, t1z, ox, oy, oz) <= distance(t2x, t2y, t2z, ox, oy, oz)) {
            out[0] = t1x;
            out[1] = t1y;
            out[2] = t1z;
        } else {
            out[0] = t2x;
            out[1] = t2y;
            out[2] = t2z;
        }
    }

    private static double distance(double ax, double ay, double az, double bx, double by, double bz) {
        double dx = bx - ax;
        double dy = by - ay;
        double dz = bz - az;
        return FastMath.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private void orekit(double px, double py, double pz, double ox, double oy, double oz, double[] out) {
        Vector3D limb = earth.pointOnLimb(new Vector3D(px, py, pz), new Vector3D(ox, oy, oz));
        out[0] = limb.getX();
        out[1] = limb.getY();
        out[2] = limb.getZ();
    }
}
