package io.onorbit.ground.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.EclipseInterval;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.ground.config.MissionConfig;
import io.onorbit.ground.config.MissionLoader;
import io.onorbit.orbit.events.Pass;
import io.onorbit.orbit.events.SatelliteTimeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MissionPlannerTest {

    static MissionConfig mission(String file, double days) {
        Path p = Path.of(System.getProperty("onorbit.repo.root", "..")).resolve("mission-configs").resolve(file);
        return MissionLoader.load(p).withDuration(Duration.ofMillis((long) (days * 86_400_000L)));
    }

    @Test
    void scheduleCarriesThePlanIntoFlightTypes() {
        MissionConfig m = mission("sso-550km.yaml", 2);
        MissionPlanner planner = MissionPlanner.fileFree();
        MissionPlan plan = planner.plan(m);
        OnboardSchedule s = planner.schedules(m).get(0);
        SatelliteTimeline t = plan.timelines().get(0);

        assertThat(s.satellite()).isEqualTo("eo-1");
        assertThat(s.epoch()).isEqualTo(m.start());
        assertThat(s.durationS()).isEqualTo(2 * 86400.0);
        assertThat(s.contacts()).hasSameSizeAs(t.passes()).isNotEmpty();
        for (int i = 0; i < t.passes().size(); i++) {
            Pass p = t.passes().get(i);
            ContactWindow c = s.contacts().get(i);
            assertThat(c.station()).isEqualTo(p.station());
            assertThat(c.aosS()).isEqualTo(p.aosS());
            assertThat(c.losS()).isEqualTo(p.losS());
            double rate = m.stationLinks().stream().filter(st -> st.station().equals(p.station())).findFirst().orElseThrow()
                    .downlinkBps();
            assertThat(c.downlinkBps()).isEqualTo(rate);
            assertThat(c.downlinkCapacityBytes(30)).isEqualTo((long) Math.floor(rate * Math.max(0, c.durationS() - 60) / 8));
        }
        assertThat(s.eclipses()).hasSameSizeAs(t.eclipses());

        // Lighting: 1 outside penumbra, 0 inside umbra, dense knots through each transition.
        List<EclipseInterval> pen = s.eclipses().stream().filter(e -> e.kind() == EclipseInterval.Kind.PENUMBRA).toList();
        List<EclipseInterval> umb = s.eclipses().stream().filter(e -> e.kind() == EclipseInterval.Kind.UMBRA).toList();
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 3000; i++) {
            double x = rnd.nextDouble() * s.durationS();
            double r = s.lightingRatioAt(x);
            if (pen.stream().noneMatch(e -> e.contains(x))) {
                assertThat(r).isEqualTo(1.0);
            }
            if (umb.stream().anyMatch(e -> e.contains(x) && x > e.startS())) {
                assertThat(r).isEqualTo(0.0);
            }
        }
        for (EclipseInterval p : pen) {
            if (p.startS() > 0) {
                double mid = 0.5 * (p.startS() + umb.stream().filter(u -> u.startS() >= p.startS()).findFirst()
                        .orElseThrow().startS());
                assertThat(s.lightingRatioAt(mid)).isStrictlyBetween(0.0, 1.0);
            }
        }

        // Sun direction: unit vectors in QSW; its orbit-normal component is sin(beta).
        for (int i = 0; i < 200; i++) {
            double x = rnd.nextDouble() * s.durationS();
            double[] d = s.sun().directionAt(x);
            assertThat(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]).isCloseTo(1.0, within(1e-6));
        }
        double[] beta = t.betaDeg();
        double[] times = t.betaTimesS();
        for (int i = 0; i < times.length; i++) {
            double z = s.sun().directionAt(times[i])[2];
            assertThat(Math.toDegrees(Math.asin(z))).isCloseTo(beta[i], within(0.05));
        }
        assertThat(s.sun().sunDistanceAu()).isCloseTo(1.016, within(0.002)); // aphelion season
        // In umbra the Sun is behind the Earth: it points down (negative radial component).
        for (EclipseInterval u : umb) {
            double mid = 0.5 * (u.startS() + u.endS());
            assertThat(s.sun().directionAt(mid)[0]).isLessThan(-0.3);
        }
    }

    @Test
    void constellationSchedulesComeInMissionOrder() {
        MissionConfig m = mission("walker-12.yaml", 0.25);
        List<OnboardSchedule> all = MissionPlanner.fileFree().withThreads(2).schedules(m);
        assertThat(all).extracting(OnboardSchedule::satellite)
                .containsExactlyElementsOf(m.satellites().stream().map(x -> x.name()).toList());
        OnboardSchedule one = MissionPlanner.fileFree().schedule(m, "leo-5");
        assertThat(one.contacts()).isEqualTo(all.get(4).contacts());
    }
}
