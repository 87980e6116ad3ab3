package io.onorbit.orbit.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The occultation angles' vector angle in plain doubles against Hipparchus's {@code Vector3D.angle}:
 * the same double to the bit, on random pairs at LEO and Sun distances, a third of them nearly aligned
 * or opposite (Hipparchus's cross-product branch).
 */
class SatelliteGeometryAngleTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void sameBitsAsHipparchus(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int crossBranch = 0;
        for (int i = 0; i < 20_000; i++) {
            Vector3D a = random(rnd).scalarMultiply(rnd.nextDouble(6.4e6, 1.6e11));
            Vector3D b;
            switch (i % 3) {
                case 0 -> b = a.add(random(rnd).scalarMultiply(a.getNorm() * rnd.nextDouble(1e-9, 1e-2)));
                case 1 -> b = a.negate().add(random(rnd).scalarMultiply(a.getNorm() * rnd.nextDouble(1e-9, 1e-2)));
                default -> b = random(rnd).scalarMultiply(rnd.nextDouble(6.4e6, 1.6e11));
            }
            double expected = Vector3D.angle(a, b);
            double actual = SatelliteGeometry.angle(a.getX(), a.getY(), a.getZ(), b.getX(), b.getY(), b.getZ());
            assertThat(Double.doubleToRawLongBits(actual)).as("a %s, b %s", a, b).isEqualTo(Double.doubleToRawLongBits(expected));
            double cos = a.dotProduct(b) / (a.getNorm() * b.getNorm());
            if (Math.abs(cos) > 0.9999) {
                crossBranch++;
            }
        }
        assertThat(crossBranch).isGreaterThan(5_000);
    }

    @Test
    void zeroVectorIsRefusedAsHipparchusDoes() {
        assertThatThrownBy(() -> Vector3D.angle(Vector3D.ZERO, Vector3D.PLUS_I)).isInstanceOf(MathRuntimeException.class);
        assertThatThrownBy(() -> SatelliteGeometry.angle(0, 0, 0, 1, 0, 0)).isInstanceOf(MathRuntimeException.class);
    }

    private static Vector3D random(SplittableRandom rnd) {
        return new Vector3D(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()).normalize();
    }
}
