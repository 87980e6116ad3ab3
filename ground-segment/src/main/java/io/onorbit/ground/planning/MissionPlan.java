package io.onorbit.ground.planning;

import io.onorbit.orbit.events.Pass;
import io.onorbit.orbit.events.SatelliteTimeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The result of planning a mission: one orbit-sim timeline per satellite over the mission span.
 *
 * @param mission   mission name
 * @param start     span start (UTC)
 * @param durationS span length, s
 * @param dataSource where the Orekit data came from (one line)
 * @param timelines one per satellite, in mission order
 */
public record MissionPlan(String mission, Instant start, double durationS, String dataSource,
                          List<SatelliteTimeline> timelines) {

    public MissionPlan {
        Objects.requireNonNull(mission, "mission");
        Objects.requireNonNull(start, "start");
        timelines = List.copyOf(timelines);
    }

    /** @return span end (UTC) */
    public Instant end() {
        return PlanTimes.at(start, durationS);
    }

    /** A pass together with its satellite's name. */
    public record SatellitePass(String satellite, Pass pass) {
    }

    /** @return every pass of every satellite, sorted by AOS */
    public List<SatellitePass> allPasses() {
        List<SatellitePass> out = new ArrayList<>();
        for (SatelliteTimeline t : timelines) {
            for (Pass p : t.passes()) {
                out.add(new SatellitePass(t.satellite(), p));
            }
        }
        out.sort(Comparator.comparingDouble((SatellitePass s) -> s.pass().aosS()));
        return out;
    }
}
