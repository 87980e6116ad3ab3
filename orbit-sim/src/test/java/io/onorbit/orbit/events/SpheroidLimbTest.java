package io.onorbit.orbit.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.orbit.context.OrbitContext;
import java.util.SplittableRandom;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orekit.bodies.OneAxisEllipsoid;

/**
 * The closed-form limb point against Orekit's general-ellipsoid {@code pointOnLimb}, for observers
 * from LEO to beyond GEO and outside points at the Sun's distance or near the Earth, in random
 * directions (near-polar and near-equatorial section planes included).
 */
class SpheroidLimbTest {

    @ParameterizedTest(name = "seed {0}, observer radius {1} km, outside at {2} m")
    @CsvSource({"3, 6700, 1.5e11", "5, 7200, 1.5e11", "7, 42164, 1.5e11", "11, 26600, 2.0e7", "13, 6400, 1.5e11"})
    void matchesOrekitsLimbPointWithinAMicrometre(long seed, double radiusKm, double outsideM) {
        OneAxisEllipsoid earth = OrbitContext.fileFree().earth();
        SpheroidLimb limb = new SpheroidLimb(earth);
        SplittableRandom rnd = new SplittableRandom(seed);
        int compared = 0;
        for (int i = 0; i < 2000; i++) {
            Vector3D p = random(rnd, i).scalarMultiply(radiusKm * 1000);
            Vector3D s = random(rnd, i + 1).scalarMultiply(outsideM);
            if (earth.isInside(p)) {
                continue; // a 6400 km observer near the equator is inside the Earth: Orekit refuses
            }
            Vector3D expected = earth.pointOnLimb(p, s);
            double[] out = new double[3];
            limb.pointOnLimb(p.getX(), p.getY(), p.getZ(), s.getX(), s.getY(), s.getZ(), out);
            Vector3D actual = new Vector3D(out);
            assertThat(actual.distance(expected)).as("observer %s, outside %s", p, s).isLessThan(1.0e-6);
            compared++;
        }
        assertThat(compared).isGreaterThan(500);
    }

    /** A random unit vector; every tenth nearly in the equator or through the poles. */
    private static Vector3D random(SplittableRandom rnd, int i) {
        double x = rnd.nextGaussian();
        double y = rnd.nextGaussian();
        double z = rnd.nextGaussian();
        if (i % 10 == 3) {
            z *= 1.0e-7;
        } else if (i % 10 == 7) {
            x *= 1.0e-7;
            y *= 1.0e-7;
        }
        return new Vector3D(x, y, z).normalize();
    }
}
