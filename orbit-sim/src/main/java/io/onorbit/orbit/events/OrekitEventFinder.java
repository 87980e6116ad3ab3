package io.onorbit.orbit.events;

import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.orbit.spec.GroundStation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.util.FastMath;
import org.orekit.bodies.GeodeticPoint;
import org.orekit.frames.TopocentricFrame;
import org.orekit.propagation.Propagator;
import org.orekit.propagation.SpacecraftState;
import org.orekit.propagation.events.EclipseDetector;
import org.orekit.propagation.events.ElevationDetector;
import org.orekit.propagation.events.EventDetector;
import org.orekit.propagation.events.EventsLogger;
import org.orekit.propagation.events.handlers.ContinueOnEvent;
import org.orekit.time.AbsoluteDate;

/**
 * The straightforward Orekit way to find the same events as {@link FastEventFinder}: one
 * {@link ElevationDetector} per station plus an umbra and a penumbra {@link EclipseDetector} on
 * the propagator (max check and threshold as given). It is the reference for accuracy tests and
 * the baseline of the speed benchmark; it gives passes (AOS, LOS, no max elevation) and
 * eclipses only.
 */
public final class OrekitEventFinder {

    private final OrbitContext context;
    private final List<GroundStation> stations;
    private final double maxCheckS;
    private final double thresholdS;

    public OrekitEventFinder(OrbitContext context, List<GroundStation> stations, double maxCheckS, double thresholdS) {
        this.context = context;
        this.stations = List.copyOf(stations);
        this.maxCheckS = maxCheckS;
        this.thresholdS = thresholdS;
    }

    /**
     * @return passes (max elevation NaN) and eclipses over the span, times in s since {@code start}
     */
    public SatelliteTimeline find(String satellite, Propagator propagator, Instant start, double durationS) {
        AbsoluteDate epoch = new AbsoluteDate(start, context.utc());
        EventsLogger logger = new EventsLogger();
        Map<EventDetector, String> names = new HashMap<>();
        List<EventDetector> raw = new ArrayList<>();
        for (GroundStation s : stations) {
            TopocentricFrame topo = new TopocentricFrame(context.earth(), new GeodeticPoint(
                    FastMath.toRadians(s.latitudeDeg()), FastMath.toRadians(s.longitudeDeg()), s.altitudeM()), s.name());
            ElevationDetector d = new ElevationDetector(maxCheckS, thresholdS, topo).withHandler(new ContinueOnEvent());
            d = s.mask() == null ? d.withConstantElevation(FastMath.toRadians(s.minElevationDeg()))
                    : d.withElevationMask(s.mask().toOrekit());
            raw.add(d);
            names.put(d, "station:" + s.name());
        }
        EclipseDetector umbra = new EclipseDetector(context.sun(), OrbitContext.SUN_RADIUS_M, context.earth())
                .withUmbra().withMaxCheck(maxCheckS).withThreshold(thresholdS).withHandler(new ContinueOnEvent());
        EclipseDetector penumbra = new EclipseDetector(context.sun(), OrbitContext.SUN_RADIUS_M, context.earth())
                .withPenumbra().withMaxCheck(maxCheckS).withThreshold(thresholdS).withHandler(new ContinueOnEvent());
        raw.add(umbra);
        raw.add(penumbra);
        names.put(umbra, "umbra");
        names.put(penumbra, "penumbra");
        SpacecraftState initial = propagator.propagate(epoch);
        Map<String, Boolean> positiveAtStart = new HashMap<>();
        Map<EventDetector, String> monitored = new HashMap<>();
        for (EventDetector d : raw) {
            d.init(initial, epoch.shiftedBy(durationS));
            positiveAtStart.put(names.get(d), d.g(initial) > 0);
            EventDetector m = logger.monitorDetector(d);
            monitored.put(m, names.get(d));
            propagator.addEventDetector(m);
        }
        propagator.propagate(epoch, epoch.shiftedBy(durationS));
        propagator.clearEventsDetectors();

        Map<String, List<double[]>> events = new HashMap<>();
        for (EventsLogger.LoggedEvent e : logger.getLoggedEvents()) {
            String name = monitored.getOrDefault(e.getEventDetector(), names.get(e.getEventDetector()));
            if (name == null) {
                continue;
            }
            events.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(new double[] {e.getDate().durationFrom(epoch), e.isIncreasing() ? 1 : -1});
        }
        List<Pass> passes = new ArrayList<>();
        for (GroundStation s : stations) {
            String key = "station:" + s.name();
            for (double[] iv : intervals(events.getOrDefault(key, List.of()), positiveAtStart.get(key), true, durationS)) {
                passes.add(new Pass(s.name(), iv[0], iv[1], Double.NaN, Double.NaN, iv[2] > 0, iv[3] > 0));
            }
        }
        passes.sort(Comparator.comparingDouble(Pass::aosS));
        List<Eclipse> eclipses = new ArrayList<>();
        for (ShadowKind kind : ShadowKind.values()) {
            String key = kind == ShadowKind.UMBRA ? "umbra" : "penumbra";
            for (double[] iv : intervals(events.getOrDefault(key, List.of()), positiveAtStart.get(key), false, durationS)) {
                eclipses.add(new Eclipse(kind, iv[0], iv[1], iv[2] > 0, iv[3] > 0));
            }
        }
        eclipses.sort(Comparator.comparingDouble(Eclipse::startS));
        return new SatelliteTimeline(satellite, start, durationS, passes, eclipses, LightingSamples.alwaysLit(),
                new double[0], new double[0], null, 0);
    }

    /**
     * @param insideWhenPositive true for passes (g &gt; 0 is inside), false for eclipses (g &lt; 0)
     * @return {start, end, startCut, endCut}
     */
    private static List<double[]> intervals(List<double[]> events, boolean positiveAtStart, boolean insideWhenPositive,
                                            double durationS) {
        List<double[]> out = new ArrayList<>();
        events = new ArrayList<>(events);
        events.sort(Comparator.comparingDouble(e -> e[0]));
        boolean inside = positiveAtStart == insideWhenPositive;
        double start = 0;
        boolean startCut = inside;
        for (double[] e : events) {
            boolean entering = (e[1] > 0) == insideWhenPositive;
            if (entering && !inside) {
                inside = true;
                start = e[0];
                startCut = false;
            } else if (!entering && inside) {
                if (e[0] > start) {
                    out.add(new double[] {start, e[0], startCut ? 1 : 0, 0});
                }
                inside = false;
            }
        }
        if (inside && durationS > start) {
            out.add(new double[] {start, durationS, startCut ? 1 : 0, 1});
        }
        return out;
    }
}
