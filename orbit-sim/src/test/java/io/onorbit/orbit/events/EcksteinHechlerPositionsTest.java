package io.onorbit.orbit.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.orbit.context.OrbitContext;
import java.time.Instant;
import java.util.SplittableRandom;
import org.hipparchus.util.FastMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orekit.attitudes.FrameAlignedProvider;
import org.orekit.orbits.KeplerianOrbit;
import org.orekit.orbits.Orbit;
import org.orekit.orbits.PositionAngleType;
import org.orekit.propagation.PropagationType;
import org.orekit.propagation.SpacecraftState;
import org.orekit.propagation.analytical.EcksteinHechlerPropagator;
import org.orekit.propagation.analytical.KeplerianPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;
import org.orekit.utils.PVCoordinates;

/**
 * The double evaluation of the Eckstein-Hechler model against Orekit's own propagator (the
 * reference: {@code propagateOrbit}), on orbits from 420 km to 1 200 km, prograde and retrograde,
 * eccentricities 1e-4 to 0.05, at random dates over a year before and after the epoch.
 */
class EcksteinHechlerPositionsTest {

    private static final OrbitContext CONTEXT = OrbitContext.fileFree();
    private static final AbsoluteDate EPOCH = new AbsoluteDate(Instant.parse("2026-06-21T00:00:00Z"), CONTEXT.utc());

    @ParameterizedTest(name = "{0} km, e {1}, i {2} deg")
    @CsvSource({"550, 0.0001, 97.593, 247.5, 90, 0", "800, 0.0012, 98.6, 200, 80, 280", "420, 0.0005, 51.64, 123.4, 45, 315",
        "1200, 0.02, 70, 10, 300, 100", "700, 0.05, 120, 330, 10, 200"})
    void positionsAndVelocitiesAreOrekitsWithinAMicrometre(double altitudeKm, double e, double iDeg, double raanDeg,
                                                          double perigeeDeg, double anomalyDeg) {
        EcksteinHechlerPropagator orekit = propagator(orbit(altitudeKm, e, iDeg, raanDeg, perigeeDeg, anomalyDeg));
        EcksteinHechlerPositions positions = EcksteinHechlerPositions.of(orekit, EPOCH).orElseThrow();
        assertThat(positions.frame()).isSameAs(CONTEXT.inertial());
        SplittableRandom rnd = new SplittableRandom(Double.doubleToLongBits(altitudeKm));
        double[] out = new double[6];
        double maxPositionM = 0;
        double maxVelocityMps = 0;
        for (int k = 0; k < 2000; k++) {
            // whole 300 s grid points and arbitrary instants, up to a year either side
            double tS = k % 2 == 0 ? 300.0 * rnd.nextInt(-105_120, 105_121) : rnd.nextDouble(-3.2e7, 3.2e7);
            AbsoluteDate date = EPOCH.shiftedBy(tS);
            PVCoordinates expected = orekit.propagateOrbit(date).getPVCoordinates();
            positions.positionVelocity(date, out);
            maxPositionM = Math.max(maxPositionM, distance(out, 0, expected.getPosition().toArray()));
            maxVelocityMps = Math.max(maxVelocityMps, distance(out, 3, expected.getVelocity().toArray()));
        }
        assertThat(maxPositionM).isLessThanOrEqualTo(1.0e-6);
        assertThat(maxVelocityMps).isLessThanOrEqualTo(1.0e-9);
    }

    @Test
    void declinesOtherPropagatorsAndAModelNotBuiltFromTheInitialState() {
        Orbit orbit = orbit(550, 0.0001, 97.593, 247.5, 90, 0);
        assertThat(EcksteinHechlerPositions.of(new KeplerianPropagator(orbit), EPOCH)).isEmpty();
        // the same state taken as mean elements: Orekit's model is no longer the osculating one's
        EcksteinHechlerPropagator asMean = propagator(orbit);
        asMean.resetInitialState(new SpacecraftState(orbit).withMass(100.0), PropagationType.MEAN);
        assertThat(EcksteinHechlerPositions.of(asMean, EPOCH)).isEmpty();
    }

    private static double distance(double[] a, int offset, double[] b) {
        double dx = a[offset] - b[0];
        double dy = a[offset + 1] - b[1];
        double dz = a[offset + 2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private static Orbit orbit(double altitudeKm, double e, double iDeg, double raanDeg, double perigeeDeg, double anomalyDeg) {
        return new KeplerianOrbit(Constants.WGS84_EARTH_EQUATORIAL_RADIUS + altitudeKm * 1000, e, FastMath.toRadians(iDeg),
                FastMath.toRadians(perigeeDeg), FastMath.toRadians(raanDeg), FastMath.toRadians(anomalyDeg),
                PositionAngleType.TRUE, CONTEXT.inertial(), EPOCH, Constants.EIGEN5C_EARTH_MU);
    }

    private static EcksteinHechlerPropagator propagator(Orbit orbit) {
        return new EcksteinHechlerPropagator(orbit, new FrameAlignedProvider(CONTEXT.inertial()), 100.0,
                Constants.EIGEN5C_EARTH_EQUATORIAL_RADIUS, Constants.EIGEN5C_EARTH_MU, Constants.EIGEN5C_EARTH_C20,
                Constants.EIGEN5C_EARTH_C30, Constants.EIGEN5C_EARTH_C40, Constants.EIGEN5C_EARTH_C50,
                Constants.EIGEN5C_EARTH_C60);
    }
}
