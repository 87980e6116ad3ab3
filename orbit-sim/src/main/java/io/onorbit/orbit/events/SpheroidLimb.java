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
     * @param p       observer, Earth-fixed, m (outside the Earth)
     * @param outside the point whose side of the limb is wanted (the Sun), Earth-fixed, m
     * @return the limb point, Earth-fixed, m
     */
    Vector3D pointOnLimb(Vector3D p, Vector3D outside) {
        double px = p.getX();
        double py = p.getY();
        double pz = p.getZ();
        double nx = py * outside.getZ() - pz * outside.getY();
        double ny = pz * outside.getX() - px * outside.getZ();
        double nz = px * outside.getY() - py * outside.getX();
        double nxy = FastMath.sqrt(nx * nx + ny * ny);
        double nn = FastMath.sqrt(nx * nx + ny * ny + nz * nz);
        if (!(nxy > 1.0e-9 * nn)) {
            return earth.pointOnLimb(p, outside); // the section is the equator (or no plane at all)
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
            return earth.pointOnLimb(p, outside); // inside: Orekit's error
        }
        double k = FastMath.sqrt(d2 - 1);
        double x1 = a * (x - k * y) / d2;
        double y1 = b * (y + k * x) / d2;
        double x2 = a * (x + k * y) / d2;
        double y2 = b * (y - k * x) / d2;
        Vector3D t1 = new Vector3D(x1 * ux + y1 * wx, x1 * uy + y1 * wy, y1 * wz);
        Vector3D t2 = new Vector3D(x2 * ux + y2 * wx, x2 * uy + y2 * wy, y2 * wz);
        return Vector3D.distance(t1, outside) <= Vector3D.distance(t2, outside) ? t1 : t2;
    }
}
