package io.onorbit.orbit.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.orbit.spec.GroundStation;
import io.onorbit.orbit.spec.KeplerianSpec;
import java.time.Instant;
import java.util.List;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.util.FastMath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orekit.orbits.CartesianOrbit;
import org.orekit.propagation.analytical.KeplerianPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;
import org.orekit.utils.PVCoordinates;

/** Eclipses and passes against closed forms that do not come from the code under test. */
class EclipseAndPassPhysicsTest {

    private static final OrbitContext CTX = OrbitContext.fileFree();
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final double R_EQ = Constants.WGS84_EARTH_EQUATORIAL_RADIUS;
    private static final double R_POLAR = R_EQ * (1 - Constants.WGS84_EARTH_FLATTENING);

    /** Circular two-body orbit of radius r whose plane makes angle beta with the Sun direction at START. */
    private static KeplerianPropagator orbitAtBeta(double r, double betaDeg) {
        AbsoluteDate t0 = new AbsoluteDate(START, CTX.utc());
        Vector3D sun = CTX.sun().getPosition(t0, CTX.inertial()).normalize();
        Vector3D u = Vector3D.crossProduct(sun, Vector3D.PLUS_K).normalize();
        double b = FastMath.toRadians(betaDeg);
        Vector3D normal = new Vector3D(FastMath.sin(b), sun, FastMath.cos(b), u);
        Vector3D p = Vector3D.crossProduct(normal, sun).normalize(); // in-plane, start on the terminator
        Vector3D v = Vector3D.crossProduct(normal, p).normalize();
        double speed = FastMath.sqrt(KeplerianSpec.MU / r);
        CartesianOrbit orbit = new CartesianOrbit(new PVCoordinates(p.scalarMultiply(r), v.scalarMultiply(speed)),
                CTX.inertial(), t0, KeplerianSpec.MU);
        return new KeplerianPropagator(orbit);
    }

    /** Closed-form fraction of a circular orbit inside a cylindrical shadow of radius re. */
    private static double cylindricalFraction(double r, double re, double betaRad) {
        double c = FastMath.sqrt(r * r - re * re) / (r * FastMath.cos(betaRad));
        return c >= 1 ? 0 : FastMath.acos(c) / FastMath.PI;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 15, 30, 45, 55, 62, 66})
    void eclipseFractionBracketsTheCylindricalShadowFormula(double betaDeg) {
        double r = R_EQ + 550_000;
        double period = 2 * FastMath.PI * FastMath.sqrt(r * r * r / KeplerianSpec.MU);
        double span = 3 * period;
        SatelliteTimeline t = new FastEventFinder(CTX, List.of(), FastEventFinder.Options.defaults())
                .find("s", orbitAtBeta(r, betaDeg), START, span, null);
        double umbra = t.eclipses(ShadowKind.UMBRA).stream().mapToDouble(Eclipse::durationS).sum() / span;
        double penumbra = t.eclipses(ShadowKind.PENUMBRA).stream().mapToDouble(Eclipse::durationS).sum() / span;
        double b = FastMath.toRadians(betaDeg);
        // The cylinder lies between the umbra and penumbra cones; the ellipsoid lies between the polar
        // and equatorial cylinders. The Sun moves about 0.2 deg of beta over the span.
        assertThat(umbra).isLessThanOrEqualTo(cylindricalFraction(r, R_EQ, b) + 0.004);
        assertThat(penumbra).isGreaterThanOrEqualTo(cylindricalFraction(r, R_POLAR, b) - 0.004);
        if (betaDeg < 60) {
            assertThat(umbra).isCloseTo(cylindricalFraction(r, R_EQ, b), within(0.01));
        }
        // mean lighting lies between 1 - penumbra and 1 - umbra
        assertThat(KnotLine.mean(t.lighting(), span)).isBetween(1 - penumbra - 1e-9, 1 - umbra + 1e-9);
    }

    @ParameterizedTest
    @ValueSource(doubles = {70, 80})
    void noEclipseAboveTheCriticalBetaAngle(double betaDeg) {
        double r = R_EQ + 550_000;
        double critical = FastMath.toDegrees(FastMath.asin(R_EQ / r)); // 67.0 deg
        assertThat(betaDeg).isGreaterThan(critical + 1);
        SatelliteTimeline t = new FastEventFinder(CTX, List.of(), FastEventFinder.Options.defaults())
                .find("s", orbitAtBeta(r, betaDeg), START, 86400, null);
        assertThat(t.eclipses()).isEmpty();
        assertThat(t.lighting().size()).isZero(); // no knot: fully lit throughout
        assertThat(Math.abs(t.minBetaDeg())).isCloseTo(betaDeg, within(1.0));
    }

    @ParameterizedTest
    @ValueSource(doubles = {5, 10, 20})
    void polarOrbitPassesOverAPolarStationOncePerRevolution(double minElevationDeg) {
        double r = R_EQ + 550_000;
        double period = 2 * FastMath.PI * FastMath.sqrt(r * r * r / KeplerianSpec.MU);
        AbsoluteDate t0 = new AbsoluteDate(START, CTX.utc());
        // Polar circular orbit starting over the equator going north: over the pole at T/4, 5T/4, ...
        CartesianOrbit orbit = new CartesianOrbit(new PVCoordinates(new Vector3D(r, 0, 0),
                new Vector3D(0, 0, FastMath.sqrt(KeplerianSpec.MU / r))), CTX.inertial(), t0, KeplerianSpec.MU);
        GroundStation pole = new GroundStation("north-pole", 90, 0, 0, minElevationDeg, null);
        double span = 86400;
        SatelliteTimeline t = new FastEventFinder(CTX, List.of(pole), FastEventFinder.Options.defaults())
                .find("polar", new KeplerianPropagator(orbit), START, span, null);
        int crossings = (int) Math.floor((span - period / 4) / period) + 1;
        assertThat(t.passes()).hasSize(crossings);
        // Visibility half-angle from the Earth's centre, lambda = acos(R cos e / r) - e, is crossed at n.
        double e = FastMath.toRadians(minElevationDeg);
        double lambda = FastMath.acos(R_POLAR * FastMath.cos(e) / r) - e;
        double expectedDuration = 2 * lambda / (2 * FastMath.PI / period);
        for (int k = 0; k < t.passes().size(); k++) {
            Pass p = t.passes().get(k);
            assertThat(p.durationS()).isCloseTo(expectedDuration, within(0.01 * expectedDuration));
            assertThat(p.maxElevationDeg()).isGreaterThan(89.0);
            // ITRF's pole is 0.14 deg from EME2000's z axis in 2026 (precession): about 2.3 s of arc.
            assertThat(p.maxElevationTimeS()).isCloseTo(period / 4 + k * period, within(4.0));
            // Look angles against closed forms: at AOS and LOS the elevation is the mask and the range
            // rho = sqrt(r^2 - R^2 cos^2 e) - R sin e; at TCA the satellite is overhead, r - R away.
            PassGeometry g = p.geometry().orElseThrow();
            double rho = FastMath.sqrt(r * r - R_POLAR * R_POLAR * FastMath.cos(e) * FastMath.cos(e)) - R_POLAR * FastMath.sin(e);
            for (LookAngle edge : List.of(g.aos(), g.los())) {
                assertThat(edge.elevationDeg()).isCloseTo(minElevationDeg, within(0.01));
                assertThat(edge.rangeM()).isCloseTo(rho, within(0.01 * rho));
            }
            assertThat(g.tca().elevationDeg()).isEqualTo(p.maxElevationDeg());
            assertThat(g.tca().rangeM()).isCloseTo(r - R_POLAR, within(2_000.0));
            // straight over the pole: it sets opposite to where it rose, less the Earth's turn under the pass
            double turn = Math.abs(g.aos().azimuthDeg() - g.los().azimuthDeg());
            double earthTurnDeg = FastMath.toDegrees(7.2921159e-5 * p.durationS());
            assertThat(Math.min(turn, 360 - turn)).isCloseTo(180.0 - earthTurnDeg, within(0.3));
        }
    }
}
