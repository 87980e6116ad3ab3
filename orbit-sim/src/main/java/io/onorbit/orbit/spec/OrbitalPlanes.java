package io.onorbit.orbit.spec;

import io.onorbit.orbit.context.OrbitContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.util.FastMath;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.PVCoordinates;

/**
 * Which satellites share an orbital plane at an instant: two are in one plane when the angle between
 * their orbit normals (the direction of r x v in the inertial frame) is at most {@link #maxAngleDeg()},
 * and a plane is every satellite linked to another by that rule (single linkage, so a plane of
 * satellites spread by small differences is one plane). For two circular orbits of inclination i
 * whose nodes are dOmega apart the angle is acos(cos^2 i + sin^2 i cos dOmega): the planes of a
 * Walker constellation at 53 deg with four planes are 68.8 deg apart; two near-equatorial orbits are
 * one plane whatever their nodes.
 *
 * <p>Immutable; {@link #withMaxAngleDeg} copies.
 */
public final class OrbitalPlanes {

    /**
     * Default tolerance, deg: well above the spread of satellites launched into one plane (a few tenths of a
     * degree) and the short-period J2 wobble of an osculating normal (hundredths), well below the spacing of
     * any constellation's planes.
     */
    public static final double DEFAULT_MAX_ANGLE_DEG = 2.0;

    private final double maxAngleDeg;

    /** @param maxAngleDeg largest angle between the orbit normals of two satellites of one plane, deg, in (0, 90) */
    public OrbitalPlanes(double maxAngleDeg) {
        if (!(maxAngleDeg > 0 && maxAngleDeg < 90)) {
            throw new IllegalArgumentException("maxAngleDeg " + maxAngleDeg + " must be in (0, 90) deg");
        }
        this.maxAngleDeg = maxAngleDeg;
    }

    /** @return planes with the default tolerance */
    public static OrbitalPlanes defaults() {
        return new OrbitalPlanes(DEFAULT_MAX_ANGLE_DEG);
    }

    /** @return the tolerance, deg */
    public double maxAngleDeg() {
        return maxAngleDeg;
    }

    /** @return a copy with another tolerance, deg */
    public OrbitalPlanes withMaxAngleDeg(double newMaxAngleDeg) {
        return new OrbitalPlanes(newMaxAngleDeg);
    }

    /**
     * @return the unit orbit normal of {@code orbit} at {@code at}, in the context's inertial frame
     *         (propagated there by the orbit's own propagator)
     */
    public static Vector3D normal(OrbitSpec orbit, OrbitContext context, Instant at) {
        AbsoluteDate date = new AbsoluteDate(at, context.utc());
        PVCoordinates pv = orbit.propagator(context).propagate(date).getPVCoordinates(context.inertial());
        return Vector3D.crossProduct(pv.getPosition(), pv.getVelocity()).normalize();
    }

    /**
     * @param satellites the satellites, in mission-file order
     * @param context    the Orekit context
     * @param at         the instant their planes are compared at (e.g. the mission's start)
     * @return the planes, each its satellites' names in mission-file order, ordered by their first satellite
     */
    public List<List<String>> group(List<SatelliteSpec> satellites, OrbitContext context, Instant at) {
        Objects.requireNonNull(context, "context");
        List<Vector3D> normals = new ArrayList<>();
        for (SatelliteSpec s : satellites) {
            normals.add(normal(s.orbit(), context, at));
        }
        double maxRad = FastMath.toRadians(maxAngleDeg);
        int n = satellites.size();
        int[] plane = new int[n];
        java.util.Arrays.fill(plane, -1);
        int planes = 0;
        for (int i = 0; i < n; i++) {
            if (plane[i] >= 0) {
                continue;
            }
            // A new plane: everything reachable from satellite i through pairs within the tolerance.
            plane[i] = planes;
            java.util.ArrayDeque<Integer> frontier = new java.util.ArrayDeque<>(List.of(i));
            while (!frontier.isEmpty()) {
                int a = frontier.poll();
                for (int b = 0; b < n; b++) {
                    if (plane[b] < 0 && Vector3D.angle(normals.get(a), normals.get(b)) <= maxRad) {
                        plane[b] = planes;
                        frontier.add(b);
                    }
                }
            }
            planes++;
        }
        List<List<String>> out = new ArrayList<>();
        for (int p = 0; p < planes; p++) {
            List<String> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (plane[i] == p) {
                    members.add(satellites.get(i).name());
                }
            }
            out.add(List.copyOf(members));
        }
        return List.copyOf(out);
    }
}
