package io.onorbit.ground.planning;

import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.ground.config.StationLink;
import io.onorbit.orbit.events.Pass;
import io.onorbit.orbit.events.SatelliteTimeline;
import io.onorbit.orbit.spec.GroundStation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The result of planning a mission: one orbit-sim timeline per satellite over the mission span,
 * the stations, and the pass margin the radio loses at each end of a pass.
 *
 * @param mission     mission name
 * @param start       span start (UTC)
 * @param durationS   span length, s
 * @param dataSource  where the Orekit data came from (one line)
 * @param timelines   one per satellite, in mission order
 * @param stations    the mission's ground stations, in file order (including any that see no pass)
 * @param stationLinks each station's link rates, in the same order
 * @param passMarginS time lost at each end of a pass ({@code link.pass_margin_s}), s
 */
public record MissionPlan(String mission, Instant start, double durationS, String dataSource,
                          List<SatelliteTimeline> timelines, List<GroundStation> stations,
                          List<StationLink> stationLinks, double passMarginS) {

    public MissionPlan {
        Objects.requireNonNull(mission, "mission");
        Objects.requireNonNull(start, "start");
        timelines = List.copyOf(timelines);
        stations = List.copyOf(stations);
        stationLinks = List.copyOf(stationLinks);
        if (!(passMarginS >= 0)) {
            throw new IllegalArgumentException("passMarginS " + passMarginS + " must be >= 0");
        }
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

    /** @return bytes the pass carries down, by the radio's own rule ({@link ContactWindow#capacityBytes}) */
    public long downlinkBytes(Pass p) {
        return ContactWindow.capacityBytes(link(p.station()).downlinkBps(), p.durationS(), passMarginS);
    }

    /** @return bytes the pass carries up, by the radio's own rule */
    public long uplinkBytes(Pass p) {
        return ContactWindow.capacityBytes(link(p.station()).uplinkBps(), p.durationS(), passMarginS);
    }

    /** @return the link rates of the station called {@code station} */
    public StationLink link(String station) {
        return MissionPlanner.link(stationLinks, station);
    }

    /**
     * What one station offers over the span, all satellites together.
     *
     * @param station        the station
     * @param passes         passes over it
     * @param contactS       summed pass duration, s
     * @param downlinkBytes  summed downlink capacity, bytes
     * @param uplinkBytes    summed uplink capacity, bytes
     * @param maxElevationDeg highest elevation of any pass, deg (empty with no pass)
     */
    public record StationSummary(GroundStation station, int passes, double contactS, long downlinkBytes,
                                 long uplinkBytes, OptionalDouble maxElevationDeg) {
    }

    /** @return one summary per station in file order, stations without a pass included */
    public List<StationSummary> stationSummaries() {
        Map<String, List<Pass>> byStation = new LinkedHashMap<>();
        for (GroundStation s : stations) {
            byStation.put(s.name(), new ArrayList<>());
        }
        for (SatelliteTimeline t : timelines) {
            for (Pass p : t.passes()) {
                byStation.computeIfAbsent(p.station(), k -> new ArrayList<>()).add(p);
            }
        }
        List<StationSummary> out = new ArrayList<>();
        for (GroundStation s : stations) {
            List<Pass> ps = byStation.get(s.name());
            out.add(new StationSummary(s, ps.size(), ps.stream().mapToDouble(Pass::durationS).sum(),
                    ps.stream().mapToLong(this::downlinkBytes).sum(), ps.stream().mapToLong(this::uplinkBytes).sum(),
                    ps.stream().mapToDouble(Pass::maxElevationDeg).max()));
        }
        return out;
    }
}
