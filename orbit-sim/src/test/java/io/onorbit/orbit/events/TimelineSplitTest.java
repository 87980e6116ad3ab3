package io.onorbit.orbit.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.onorbit.orbit.spec.KeplerianSpec;
import io.onorbit.orbit.spec.PropagatorKind;
import io.onorbit.orbit.spec.SatelliteSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A long span of one satellite on two threads is computed as two halves and joined; the joined
 * timeline must be the one computed in one piece. Where a span is split is checked on a 61-day
 * span (no computation); the join itself on a 4-day span split, as the rule would, at its middle
 * day (about 60 passes and eclipses each side, the same join code as a 61-day span, 1/15 of the time).
 */
class TimelineSplitTest {

    @Test
    void twoHalvesJoinedAreTheWholeSpan() {
        SatelliteSpec sat = new SatelliteSpec("sso", new KeplerianSpec(AgreementWithOrekitDetectorsTest.START, 6_928_137,
                0.0001, 97.593, 247.5, 90, 0, PropagatorKind.ECKSTEIN_HECHLER));
        FastEventFinder.Options options = FastEventFinder.Options.defaults().withSunStepS(60);
        TimelineCalculator two = new TimelineCalculator(AgreementWithOrekitDetectorsTest.CTX,
                AgreementWithOrekitDetectorsTest.STATIONS, options, 2, null);
        // the rule: spans of 60 days and more split at the whole day nearest below the middle
        assertThat(two.splitPointS(61 * 86400 + 3000)).isEqualTo(30 * 86400);
        assertThat(two.splitPointS(59 * 86400)).isZero();
        double span = 4 * 86400 + 3000;
        double split = 2 * 86400; // where the rule puts it (floor of half the span, whole days)
        SatelliteTimeline whole = new TimelineCalculator(AgreementWithOrekitDetectorsTest.CTX,
                AgreementWithOrekitDetectorsTest.STATIONS, options, 1, null).compute(List.of(sat), AgreementWithOrekitDetectorsTest.START, span).get(0);
        SatelliteTimeline joined = two.halves(List.of(sat), AgreementWithOrekitDetectorsTest.START, span, split).get(0);
        assertThat(joined.durationS()).isEqualTo(span);
        assertThat(joined.passes()).hasSameSizeAs(whole.passes());
        for (int i = 0; i < whole.passes().size(); i++) {
            Pass w = whole.passes().get(i);
            Pass j = joined.passes().get(i);
            assertThat(j.station()).isEqualTo(w.station());
            assertThat(j.aosS()).isCloseTo(w.aosS(), offset(1e-3));
            assertThat(j.losS()).isCloseTo(w.losS(), offset(1e-3));
            assertThat(j.maxElevationDeg()).isCloseTo(w.maxElevationDeg(), offset(1e-3));
            assertThat(j.aosCut()).isEqualTo(w.aosCut());
            assertThat(j.losCut()).isEqualTo(w.losCut());
        }
        assertThat(joined.eclipses()).hasSameSizeAs(whole.eclipses());
        for (int i = 0; i < whole.eclipses().size(); i++) {
            Eclipse w = whole.eclipses().get(i);
            Eclipse j = joined.eclipses().get(i);
            assertThat(j.kind()).isEqualTo(w.kind());
            assertThat(j.startS()).isCloseTo(w.startS(), offset(1e-3));
            assertThat(j.endS()).isCloseTo(w.endS(), offset(1e-3));
        }
        assertThat(joined.betaTimesS()).containsExactly(whole.betaTimesS());
        // the halves interpolate the Sun and the orbit from their own tables: 1e-4 deg (0.4 arcsec)
        for (int i = 0; i < whole.betaDeg().length; i++) {
            assertThat(joined.betaDeg()[i]).isCloseTo(whole.betaDeg()[i], offset(1e-4));
        }
        assertThat(joined.sunDirection().x()).hasSameSizeAs(whole.sunDirection().x());
        assertThat(joined.sunDirection().sunDistanceAu()).isCloseTo(whole.sunDirection().sunDistanceAu(), offset(1e-6));
        assertThat(KnotLine.mean(joined.lighting(), span)).isCloseTo(KnotLine.mean(whole.lighting(), span), offset(1e-6));
        for (double t = 0; t < span; t += 37.3) {
            assertThat(KnotLine.at(joined.lighting(), t)).as("t %s", t).isCloseTo(KnotLine.at(whole.lighting(), t), offset(1e-3));
        }
    }

    /** A pass and an eclipse under way at the split are cut by both halves and become one again. */
    @Test
    void passAndEclipseCutAtTheSplitAreJoined() {
        double split = 1000;
        LookAngle l1 = new LookAngle(10, 5, 2e6);
        LookAngle l2 = new LookAngle(20, 40, 1e6);
        LookAngle l3 = new LookAngle(30, 30, 1.2e6);
        LookAngle l4 = new LookAngle(40, 5, 2e6);
        Pass firstHalf = new Pass("s", 900, 1000, 30, 1000, false, true, Optional.of(new PassGeometry(l1, l3, l3)));
        Pass secondHalf = new Pass("s", 0, 200, 40, 50, true, false, Optional.of(new PassGeometry(l3, l2, l4)));
        Pass later = new Pass("s", 5000, 5300, 20, 5100, false, false, Optional.empty());
        Eclipse penA = new Eclipse(ShadowKind.PENUMBRA, 950, 1000, false, true);
        Eclipse penB = new Eclipse(ShadowKind.PENUMBRA, 0, 300, true, false);
        SatelliteTimeline a = new SatelliteTimeline("x", AgreementWithOrekitDetectorsTest.START, split, List.of(firstHalf),
                List.of(penA), new LightingSamples(new double[] {950, 1000}, new double[] {1, 0.5}), new double[] {0, 1000},
                new double[] {10, 11}, null, 7);
        SatelliteTimeline b = new SatelliteTimeline("x", AgreementWithOrekitDetectorsTest.START.plusSeconds(1000), 6000,
                List.of(secondHalf, later), List.of(penB), new LightingSamples(new double[] {0, 300}, new double[] {0.5, 1}),
                new double[] {0, 6000}, new double[] {11, 12}, null, 5);
        SatelliteTimeline j = TimelineCalculator.join(a, b, split);
        assertThat(j.durationS()).isEqualTo(7000);
        assertThat(j.samples()).isEqualTo(12);
        assertThat(j.passes()).hasSize(2);
        Pass joined = j.passes().get(0);
        assertThat(joined.aosS()).isEqualTo(900);
        assertThat(joined.losS()).isEqualTo(1200);
        assertThat(joined.maxElevationDeg()).isEqualTo(40);
        assertThat(joined.maxElevationTimeS()).isEqualTo(1050);
        assertThat(joined.aosCut()).isFalse();
        assertThat(joined.losCut()).isFalse();
        assertThat(joined.geometry().orElseThrow()).isEqualTo(new PassGeometry(l1, l2, l4));
        assertThat(j.passes().get(1).aosS()).isEqualTo(6000);
        assertThat(j.eclipses()).containsExactly(new Eclipse(ShadowKind.PENUMBRA, 950, 1300, false, false));
        assertThat(j.lighting().timesS()).containsExactly(950, 1000, 1300);
        assertThat(j.betaTimesS()).containsExactly(0, 1000, 7000);
        assertThat(j.betaDeg()).containsExactly(10, 11, 12);
    }
}
