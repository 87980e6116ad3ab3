package io.onorbit.orbit.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.onorbit.orbit.context.OrbitContext;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.orekit.errors.OrekitException;
import org.orekit.orbits.KeplerianOrbit;
import org.orekit.propagation.Propagator;
import org.orekit.propagation.analytical.EcksteinHechlerPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;

class SpecTest {

    static final String L1 = "1 99901U 26001A   26172.00000000  .00000000  00000-0  00000-0 0  9995";
    static final String L2 = "2 99901  97.5960 270.0000 0001000  90.0000 270.0000 15.05000000    16";

    @Test
    void tleChecksumIsCheckedPerLine() {
        assertThat(TleSpec.problem(L1, L2)).isNull();
        String bad = L1.substring(0, 68) + "4";
        assertThat(TleSpec.problem(bad, L2)).isEqualTo("line 1 checksum is '4' but the line sums to 5");
        assertThat(TleSpec.problem(L1, L2.substring(0, 60))).isEqualTo("line 2 has 60 characters, a TLE line has 69");
        assertThatThrownBy(() -> new TleSpec(bad, L2)).hasMessageContaining("checksum");
    }

    @Test
    void walkerSpreadsPlanesAndSlots() {
        KeplerianSpec t = new KeplerianSpec(Instant.parse("2026-06-21T00:00:00Z"), 6_978_137, 0, 53, 10, 0, 0,
                PropagatorKind.KEPLERIAN);
        List<SatelliteSpec> sats = new WalkerConstellation("leo", 12, 3, 1, t).satellites();
        assertThat(sats).hasSize(12);
        assertThat(sats.get(0).name()).isEqualTo("leo-1");
        KeplerianSpec s5 = (KeplerianSpec) sats.get(5).orbit(); // plane 1, slot 1
        assertThat(s5.raanDeg()).isCloseTo(130.0, within(1e-9));
        assertThat(s5.trueAnomalyDeg()).isCloseTo(90.0 + 30.0, within(1e-9)); // slot 90 + phasing 1*360/12
        assertThatThrownBy(() -> new WalkerConstellation("x", 12, 5, 0, t)).hasMessageContaining("divide");
    }

    @Test
    void keplerianPeriodIsTwoPiSqrtASquaredOverMu() {
        double a = 7_000_000;
        KeplerianSpec spec = new KeplerianSpec(Instant.parse("2026-06-21T00:00:00Z"), a, 0.01, 45, 0, 0, 0,
                PropagatorKind.KEPLERIAN);
        OrbitContext ctx = OrbitContext.fileFree();
        Propagator p = spec.propagator(ctx);
        double period = 2 * Math.PI * Math.sqrt(a * a * a / KeplerianSpec.MU);
        AbsoluteDate t0 = new AbsoluteDate(spec.epoch(), ctx.utc());
        double gap = p.getPosition(t0, ctx.inertial()).distance(p.getPosition(t0.shiftedBy(period), ctx.inertial()));
        assertThat(gap).isLessThan(1e-3);
        double halfGap = p.getPosition(t0, ctx.inertial()).distance(p.getPosition(t0.shiftedBy(period / 2), ctx.inertial()));
        assertThat(halfGap).isGreaterThan(13_000_000);
    }

    @Test
    void sunSynchronousNodeDriftsLikeTheSun() {
        // J2 secular drift -1.5 n J2 (R/a)^2 cos i: a 97.59 deg orbit at 550 km keeps pace with the
        // mean Sun, 360/365.2422 = 0.9856 deg/day. The node is averaged over one orbit at both ends
        // to remove short-period terms. Eckstein-Hechler (J2..J6) is within 1%; the J2-only
        // numerical model within 2% (the inclination was chosen for the full zonal field).
        OrbitContext ctx = OrbitContext.fileFree();
        double[] tolerance = {0.01, 0.02};
        PropagatorKind[] kinds = {PropagatorKind.ECKSTEIN_HECHLER, PropagatorKind.NUMERICAL_J2};
        for (int k = 0; k < kinds.length; k++) {
            KeplerianSpec spec = new KeplerianSpec(Instant.parse("2026-06-21T00:00:00Z"), 6_928_137, 0.0001, 97.593,
                    30, 90, 0, kinds[k]);
            Propagator p = spec.propagator(ctx);
            AbsoluteDate t0 = new AbsoluteDate(spec.epoch(), ctx.utc());
            double days = 4;
            if (kinds[k] == PropagatorKind.NUMERICAL_J2) {
                // integrate once and sample the ephemeris, instead of re-integrating for every sample
                var generator = p.getEphemerisGenerator();
                p.propagate(t0, t0.shiftedBy(days * 86400 + 6000));
                p = generator.getGeneratedEphemeris();
            }
            double drift = (meanRaanDeg(p, t0.shiftedBy(days * 86400), ctx) - meanRaanDeg(p, t0, ctx)) / days;
            assertThat(drift).as(kinds[k].name()).isCloseTo(0.9856, within(0.9856 * tolerance[k]));
        }
    }

    private static double meanRaanDeg(Propagator p, AbsoluteDate from, OrbitContext ctx) {
        double sum = 0;
        int n = 0;
        for (double t = 0; t < 5740; t += 20, n++) {
            AbsoluteDate d = from.shiftedBy(t);
            KeplerianOrbit k = new KeplerianOrbit(p.getPVCoordinates(d, ctx.inertial()), ctx.inertial(), d, KeplerianSpec.MU);
            sum += Math.toDegrees(k.getRightAscensionOfAscendingNode());
        }
        return sum / n;
    }

    /**
     * The Eckstein-Hechler rule against Orekit itself: the critical inclination is asin(2 / sqrt 5) (J2's apsidal
     * rate 4 - 5 sin^2 i vanishes), and every inclination the rule lets through propagates over a day (Orekit's
     * mean-element check never fires), near both critical inclinations and the equator, at low and high altitude,
     * circular and eccentric; the orbits it refuses are the ones where Orekit throws, plus a margin.
     */
    @Test
    void ecksteinHechlerIsGivenOnlyInclinationsItCanPropagate() {
        assertThat(KeplerianSpec.CRITICAL_INCLINATION_DEG).isCloseTo(Math.toDegrees(Math.asin(2 / Math.sqrt(5))),
                within(1e-12));
        OrbitContext ctx = OrbitContext.fileFree();
        Instant epoch = Instant.parse("2026-06-21T00:00:00Z");
        double[] centres = {0, KeplerianSpec.CRITICAL_INCLINATION_DEG, 180 - KeplerianSpec.CRITICAL_INCLINATION_DEG, 180};
        int refused = 0;
        int orekitRefused = 0;
        for (double a : new double[] {6_778_137, 7_978_137}) {
            for (double e : new double[] {0.0001, 0.05}) {
                for (int k = 0; k <= 400; k++) {
                    double i = Math.min(180, Math.max(0, centres[k % 4] + (k / 4 - 50) * 0.01));
                    if (KeplerianSpec.ecksteinHechlerInclinationProblem(i).isPresent()) {
                        refused++;
                        assertThatThrownBy(() -> new KeplerianSpec(epoch, a, e, i, 10, 30, 0, PropagatorKind.ECKSTEIN_HECHLER))
                                .hasMessageContaining("Eckstein-Hechler propagator is singular");
                        // accepted with the numerical propagator, the fix the refusal names
                        KeplerianSpec elements = new KeplerianSpec(epoch, a, e, i, 10, 30, 0, PropagatorKind.NUMERICAL_J2);
                        try {
                            new EcksteinHechlerPropagator(elements.orbit(ctx), Constants.EIGEN5C_EARTH_EQUATORIAL_RADIUS,
                                    KeplerianSpec.MU, Constants.EIGEN5C_EARTH_C20, Constants.EIGEN5C_EARTH_C30,
                                    Constants.EIGEN5C_EARTH_C40, Constants.EIGEN5C_EARTH_C50, Constants.EIGEN5C_EARTH_C60);
                        } catch (OrekitException ex) {
                            orekitRefused++;
                        }
                        continue;
                    }
                    KeplerianSpec spec = new KeplerianSpec(epoch, a, e, i, 10, 30, 0, PropagatorKind.ECKSTEIN_HECHLER);
                    Propagator p = spec.propagator(ctx);
                    AbsoluteDate t0 = new AbsoluteDate(epoch, ctx.utc());
                    for (int h = 0; h <= 24; h += 6) {
                        double r = p.getPosition(t0.shiftedBy(h * 3600.0), ctx.inertial()).getNorm();
                        assertThat(r).as("i = %.2f deg, a = %.0f m, e = %.4f at %d h", i, a, e, h)
                                .isBetween(a * (1 - e) - 30_000, a * (1 + e) + 30_000);
                    }
                }
            }
        }
        assertThat(refused).as("the sweep reaches the refused bands").isGreaterThan(0);
        assertThat(orekitRefused).as("Orekit itself refuses some of them: the rule is not idle").isGreaterThan(0);
        assertThat(KeplerianSpec.ecksteinHechlerInclinationProblem(63.4)).get(InstanceOfAssertFactories.STRING)
                .startsWith("is within 0.03 deg of the critical inclination 63.43 deg");
        assertThat(KeplerianSpec.ecksteinHechlerInclinationProblem(0)).get(InstanceOfAssertFactories.STRING)
                .startsWith("is an equatorial orbit");
        assertThat(KeplerianSpec.ecksteinHechlerInclinationProblem(63.0)).isEmpty();
    }
}
