package io.onorbit.ground.planning;

import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.schedule.EclipseInterval;
import io.onorbit.flight.schedule.LightingProfile;
import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.flight.schedule.SunDirectionProfile;
import io.onorbit.ground.aggregation.ClusterRule;
import io.onorbit.ground.config.MissionConfig;
import io.onorbit.ground.config.StationLink;
import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.orbit.events.Eclipse;
import io.onorbit.orbit.events.FastEventFinder;
import io.onorbit.orbit.events.Pass;
import io.onorbit.orbit.events.SatelliteTimeline;
import io.onorbit.orbit.events.ShadowKind;
import io.onorbit.orbit.events.SunDirectionSamples;
import io.onorbit.orbit.events.TimelineCalculator;
import io.onorbit.orbit.spec.OrbitalPlanes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleConsumer;

/**
 * Mission planning: a mission file's satellites and stations through orbit-sim, into a
 * {@link MissionPlan} (for {@code onorbit plan}) or into each satellite's
 * {@link OnboardSchedule} (what the spacecraft is told: contacts, eclipses, lighting ratio, Sun
 * direction in its local orbital frame).
 *
 * <p>Usage: {@code new MissionPlanner(OrbitContext.fileFree()).schedules(MissionLoader.load(path))}.
 * Satellites are computed in parallel over {@link #withThreads} workers (default: all cores).
 */
public final class MissionPlanner {

    /** Default Sun-direction sample spacing in schedules, s. */
    public static final double DEFAULT_SUN_STEP_S = 60.0;

    private final OrbitContext context;
    private final int threads;
    private final DoubleConsumer progress;
    private final double sunStepS;

    public MissionPlanner(OrbitContext context) {
        this(context, TimelineCalculator.defaultThreads(), null, DEFAULT_SUN_STEP_S);
    }

    private MissionPlanner(OrbitContext context, int threads, DoubleConsumer progress, double sunStepS) {
        this.context = Objects.requireNonNull(context, "context");
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " must be at least 1");
        }
        if (!(sunStepS > 0)) {
            throw new IllegalArgumentException("sunStepS " + sunStepS + " must be > 0");
        }
        this.threads = threads;
        this.progress = progress;
        this.sunStepS = sunStepS;
    }

    /** @return a planner on the shared file-free Orekit context */
    public static MissionPlanner fileFree() {
        return new MissionPlanner(OrbitContext.fileFree());
    }

    /** @return a copy using {@code n} worker threads */
    public MissionPlanner withThreads(int n) {
        return new MissionPlanner(context, n, progress, sunStepS);
    }

    /** @return a copy reporting the fraction done in [0, 1] (called from worker threads) */
    public MissionPlanner withProgress(DoubleConsumer listener) {
        return new MissionPlanner(context, threads, listener, sunStepS);
    }

    /** @return a copy sampling the Sun direction every {@code stepS} in schedules */
    public MissionPlanner withSunStepS(double stepS) {
        return new MissionPlanner(context, threads, progress, stepS);
    }

    public OrbitContext context() {
        return context;
    }

    /**
     * @return passes (with look angles), eclipses, lighting and beta angle of every satellite (no
     *         Sun-direction samples), with the stations and the link's pass margin for pass capacities
     */
    public MissionPlan plan(MissionConfig mission) {
        List<SatelliteTimeline> t = calculator(mission, FastEventFinder.Options.defaults())
                .compute(mission.satellites(), mission.start(), mission.durationS());
        return new MissionPlan(mission.name(), mission.start(), mission.durationS(), context.description(), t,
                mission.stations(), mission.stationLinks(), mission.link().passMarginS());
    }

    /**
     * The federation's clusters ({@code ground.aggregation.clusters}): with {@code orbital-planes}, the
     * satellites' orbital planes at the mission's start ({@link OrbitalPlanes#defaults()}) made clusters by
     * {@link ClusterRule#members}.
     *
     * @return each satellite's cluster by name; empty for one chain of global versions
     */
    public java.util.Map<String, String> clusters(MissionConfig mission) {
        ClusterRule rule = mission.ground().clusters();
        if (rule == ClusterRule.SINGLE || mission.satellites().size() < 2) {
            return java.util.Map.of();
        }
        return rule.members(OrbitalPlanes.defaults().group(mission.satellites(), context, mission.start()));
    }

    /** @return one onboard schedule per satellite, in mission order, epoch = mission start */
    public List<OnboardSchedule> schedules(MissionConfig mission) {
        List<SatelliteTimeline> t = calculator(mission, FastEventFinder.Options.defaults().withSunStepS(sunStepS))
                .compute(mission.satellites(), mission.start(), mission.durationS());
        List<OnboardSchedule> out = new ArrayList<>(t.size());
        for (SatelliteTimeline s : t) {
            out.add(toSchedule(s, mission.stationLinks()));
        }
        return out;
    }

    /** @return the schedule of one satellite of the mission */
    public OnboardSchedule schedule(MissionConfig mission, String satellite) {
        return schedules(mission.withSatellites(List.of(mission.satellite(satellite)))).get(0);
    }

    /**
     * Converts an orbit-sim timeline (computed with Sun-direction samples) into flight-sw types, each
     * contact window carrying its station's link rates.
     *
     * @throws IllegalArgumentException if the timeline has no Sun-direction samples
     */
    public static OnboardSchedule toSchedule(SatelliteTimeline t, List<StationLink> stationLinks) {
        if (t.sunDirection() == null) {
            throw new IllegalArgumentException("timeline of " + t.satellite() + " has no Sun-direction samples");
        }
        List<ContactWindow> contacts = new ArrayList<>();
        for (Pass p : t.passes()) {
            StationLink rates = link(stationLinks, p.station());
            contacts.add(new ContactWindow(p.station(), p.aosS(), p.losS(), p.maxElevationDeg(), rates.downlinkBps(),
                    rates.uplinkBps()));
        }
        List<EclipseInterval> eclipses = new ArrayList<>();
        for (Eclipse e : t.eclipses()) {
            eclipses.add(new EclipseInterval(e.kind() == ShadowKind.UMBRA ? EclipseInterval.Kind.UMBRA
                    : EclipseInterval.Kind.PENUMBRA, e.startS(), e.endS()));
        }
        SunDirectionSamples s = t.sunDirection();
        return new OnboardSchedule(t.satellite(), t.epoch(), t.durationS(), contacts, eclipses, lighting(t),
                new SunDirectionProfile(s.stepS(), s.x(), s.y(), s.z(), s.sunDistanceAu()));
    }

    /** @return the link rates of {@code station} among {@code stationLinks} */
    static StationLink link(List<StationLink> stationLinks, String station) {
        for (StationLink l : stationLinks) {
            if (l.station().equals(station)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no link rates for station " + station);
    }

    /**
     * @return the lighting curve through the timeline's samples, exactly as the spacecraft receives
     *         it in its schedule (the plan's mean lighting ratio is read from this same curve)
     */
    public static LightingProfile lighting(SatelliteTimeline t) {
        return LightingProfile.fromSamples(t.lighting().timesS(), t.lighting().ratios());
    }

    private TimelineCalculator calculator(MissionConfig mission, FastEventFinder.Options options) {
        return new TimelineCalculator(context, mission.stations(), options, threads, progress);
    }
}
