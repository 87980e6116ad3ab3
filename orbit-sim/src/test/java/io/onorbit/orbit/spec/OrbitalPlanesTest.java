package io.onorbit.orbit.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.orbit.context.OrbitContext;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Orbital planes against the closed-form angle between two orbit normals, acos(cos^2 i + sin^2 i cos dOmega). */
class OrbitalPlanesTest {

    private static final Instant EPOCH = Instant.parse("2026-06-21T00:00:00Z");
    private static final OrbitContext CONTEXT = OrbitContext.fileFree();

    private static SatelliteSpec circular(String name, double inclinationDeg, double raanDeg, double anomalyDeg, PropagatorKind kind) {
        return new SatelliteSpec(name, new KeplerianSpec(EPOCH, 6_928_137, 0, inclinationDeg, raanDeg, 0, anomalyDeg, kind));
    }

    /** @return the angle between the normals of two circular orbits of one inclination whose nodes differ, deg */
    private static double closedFormAngleDeg(double inclinationDeg, double nodeDifferenceDeg) {
        double ci = Math.cos(Math.toRadians(inclinationDeg));
        double si = Math.sin(Math.toRadians(inclinationDeg));
        return Math.toDegrees(Math.acos(ci * ci + si * si * Math.cos(Math.toRadians(nodeDifferenceDeg))));
    }

    /** @return the node difference giving {@code angleDeg} between the normals at {@code inclinationDeg}, deg */
    private static double nodeDifferenceForDeg(double inclinationDeg, double angleDeg) {
        double ci = Math.cos(Math.toRadians(inclinationDeg));
        double si = Math.sin(Math.toRadians(inclinationDeg));
        return Math.toDegrees(Math.acos((Math.cos(Math.toRadians(angleDeg)) - ci * ci) / (si * si)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theNormalsAngleIsTheClosedFormOneAtAnyInstantOfATwoBodyOrbit(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double inc = 1 + r.nextDouble() * 178;
        double dRaan = r.nextDouble() * 180;
        SatelliteSpec a = circular("a", inc, 30, r.nextDouble() * 360, PropagatorKind.KEPLERIAN);
        SatelliteSpec b = circular("b", inc, 30 + dRaan, r.nextDouble() * 360, PropagatorKind.KEPLERIAN);
        Instant later = EPOCH.plusSeconds((long) (r.nextDouble() * 86_400));
        double angle = Math.toDegrees(Vector3D.angle(OrbitalPlanes.normal(a.orbit(), CONTEXT, later),
                OrbitalPlanes.normal(b.orbit(), CONTEXT, later)));
        assertThat(angle).isCloseTo(closedFormAngleDeg(inc, dRaan), Offset.offset(1e-7));
    }

    @Test
    void aWalkerOfFourPlanesIsFourPlanesOfSixInFileOrder() {
        KeplerianSpec template = new KeplerianSpec(EPOCH, 6_928_137, 0, 53, 0, 0, 0, PropagatorKind.ECKSTEIN_HECHLER);
        List<SatelliteSpec> sats = new WalkerConstellation("leo", 24, 4, 1, template).satellites();
        List<List<String>> planes = OrbitalPlanes.defaults().group(sats, CONTEXT, EPOCH.plusSeconds(3600));
        assertThat(planes).hasSize(4);
        for (int p = 0; p < 4; p++) {
            int first = 6 * p + 1;
            assertThat(planes.get(p)).containsExactlyElementsOf(
                    Stream.iterate(first, k -> k + 1).limit(6).map(k -> "leo-" + k).toList());
        }
        assertThat(closedFormAngleDeg(53, 90)).as("the planes are far apart").isGreaterThan(60);
    }

    @Test
    void satellitesWithinTheToleranceShareAPlaneAndFartherOnesDoNot() {
        double in = nodeDifferenceForDeg(53, 1.5);
        double out = nodeDifferenceForDeg(53, 2.5);
        List<SatelliteSpec> sats = List.of(circular("a", 53, 10, 0, PropagatorKind.KEPLERIAN),
                circular("b", 53, 10 + in, 90, PropagatorKind.KEPLERIAN),
                circular("c", 53, 10 - out, 180, PropagatorKind.KEPLERIAN));
        assertThat(OrbitalPlanes.defaults().group(sats, CONTEXT, EPOCH)).containsExactly(List.of("a", "b"), List.of("c"));
        assertThat(OrbitalPlanes.defaults().withMaxAngleDeg(3).group(sats, CONTEXT, EPOCH)).containsExactly(List.of("a", "b", "c"));
    }

    @Test
    void aPlaneLinksSatellitesSpreadBySmallStepsAndNearEquatorialOrbitsShareOne() {
        double step = nodeDifferenceForDeg(60, 1.5);
        List<SatelliteSpec> chain = List.of(circular("a", 60, 0, 0, PropagatorKind.KEPLERIAN),
                circular("b", 60, step, 0, PropagatorKind.KEPLERIAN), circular("c", 60, 2 * step, 0, PropagatorKind.KEPLERIAN));
        assertThat(closedFormAngleDeg(60, 2 * step)).as("first and last").isGreaterThan(2.0);
        assertThat(OrbitalPlanes.defaults().group(chain, CONTEXT, EPOCH)).containsExactly(List.of("a", "b", "c"));

        List<SatelliteSpec> equatorial = List.of(circular("e1", 0.5, 0, 0, PropagatorKind.KEPLERIAN),
                circular("e2", 0.5, 90, 0, PropagatorKind.KEPLERIAN));
        assertThat(closedFormAngleDeg(0.5, 90)).isLessThan(1.0);
        assertThat(OrbitalPlanes.defaults().group(equatorial, CONTEXT, EPOCH)).containsExactly(List.of("e1", "e2"));
    }

    @Test
    void theToleranceIsValidated() {
        for (double bad : new double[] {0, -1, 90, Double.NaN}) {
            assertThatThrownBy(() -> new OrbitalPlanes(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAngleDeg");
        }
        assertThat(OrbitalPlanes.defaults().withMaxAngleDeg(5).maxAngleDeg()).isEqualTo(5);
    }
}
