package io.onorbit.orbit.events;

import io.onorbit.orbit.spec.GroundStation;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.util.FastMath;
import org.orekit.bodies.GeodeticPoint;
import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.frames.TopocentricFrame;
import org.orekit.utils.ElevationMask;

/**
 * A station's fixed geometry in the Earth-fixed frame: position, local east/north/zenith unit
 * vectors (geodetic, as Orekit's {@link TopocentricFrame}), and its mask. Elevation and azimuth
 * follow Orekit's conventions (azimuth from north through east).
 */
final class StationGeometry {

    final GroundStation station;
    final TopocentricFrame topo;
    final double sx, sy, sz;
    final double ex, ey, ez;
    final double nx, ny, nz;
    final double zx, zy, zz;
    final double radiusM;
    final double ux, uy, uz;
    final ElevationMask mask;
    final double minElevationRad;
    /** Central-angle visibility limit ingredients: lowest elevation minus a margin, rad. */
    final double lowestElevationRad;
    /** Its cosine (the event finder's safe step needs it at every step). */
    final double cosLowestElevation;

    StationGeometry(GroundStation station, OneAxisEllipsoid earth) {
        this.station = station;
        this.topo = new TopocentricFrame(earth, new GeodeticPoint(FastMath.toRadians(station.latitudeDeg()),
                FastMath.toRadians(station.longitudeDeg()), station.altitudeM()), station.name());
        Vector3D s = topo.getCartesianPoint();
        sx = s.getX();
        sy = s.getY();
        sz = s.getZ();
        ex = topo.getEast().getX();
        ey = topo.getEast().getY();
        ez = topo.getEast().getZ();
        nx = topo.getNorth().getX();
        ny = topo.getNorth().getY();
        nz = topo.getNorth().getZ();
        zx = topo.getZenith().getX();
        zy = topo.getZenith().getY();
        zz = topo.getZenith().getZ();
        radiusM = s.getNorm();
        ux = sx / radiusM;
        uy = sy / radiusM;
        uz = sz / radiusM;
        mask = station.mask() == null ? null : station.mask().toOrekit();
        minElevationRad = FastMath.toRadians(station.minElevationDeg());
        // Geodetic and geocentric verticals differ by up to 0.19 deg: keep a 0.5 deg margin.
        lowestElevationRad = FastMath.toRadians(station.lowestElevationDeg() - 0.5);
        cosLowestElevation = FastMath.cos(lowestElevationRad);
    }

    /** @return elevation of a fixed-frame point, rad */
    double elevation(double px, double py, double pz) {
        double dx = px - sx;
        double dy = py - sy;
        double dz = pz - sz;
        double norm = FastMath.sqrt(dx * dx + dy * dy + dz * dz);
        return FastMath.asin((dx * zx + dy * zy + dz * zz) / norm);
    }

    /** @return azimuth, elevation and range of a fixed-frame point */
    LookAngle lookAngle(double px, double py, double pz) {
        double dx = px - sx;
        double dy = py - sy;
        double dz = pz - sz;
        double range = FastMath.sqrt(dx * dx + dy * dy + dz * dz);
        double az = FastMath.atan2(dx * ex + dy * ey + dz * ez, dx * nx + dy * ny + dz * nz);
        if (az < 0) {
            az += 2 * FastMath.PI;
        }
        double el = FastMath.asin((dx * zx + dy * zy + dz * zz) / range);
        return new LookAngle(FastMath.toDegrees(az), FastMath.toDegrees(el), range);
    }

    /** @return elevation above the mask (or the minimum elevation), rad: positive when visible */
    double margin(double px, double py, double pz) {
        double el = elevation(px, py, pz);
        if (mask == null) {
            return el - minElevationRad;
        }
        double dx = px - sx;
        double dy = py - sy;
        double dz = pz - sz;
        double az = FastMath.atan2(dx * ex + dy * ey + dz * ez, dx * nx + dy * ny + dz * nz);
        if (az < 0) {
            az += 2 * FastMath.PI;
        }
        return el - mask.getElevation(az);
    }
}
