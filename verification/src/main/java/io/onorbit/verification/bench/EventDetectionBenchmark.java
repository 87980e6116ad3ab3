package io.onorbit.verification.bench;

import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.orbit.events.Eclipse;
import io.onorbit.orbit.events.FastEventFinder;
import io.onorbit.orbit.events.OrekitEventFinder;
import io.onorbit.orbit.events.Pass;
import io.onorbit.orbit.events.SatelliteTimeline;
import io.onorbit.orbit.events.TimelineCalculator;
import io.onorbit.orbit.spec.ElevationMaskSpec;
import io.onorbit.orbit.spec.GroundStation;
import io.onorbit.orbit.spec.KeplerianSpec;
import io.onorbit.orbit.spec.OrbitSpec;
import io.onorbit.orbit.spec.PropagatorKind;
import io.onorbit.orbit.spec.SatelliteSpec;
import io.onorbit.orbit.spec.TleSpec;
import io.onorbit.orbit.spec.WalkerConstellation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Event detection speed: orbit-sim's {@link FastEventFinder} against the straightforward Orekit
 * setup ({@link OrekitEventFinder}: one ElevationDetector per station plus umbra and penumbra
 * EclipseDetectors on one propagator, max check 60 s, threshold 1 ms), both in this process, for
 * 1 satellite x 3 stations x N days; then a 12-satellite constellation on 1 thread and on all cores.
 *
 * <p>Run (after {@code ./mvnw -q -o package -DskipTests -pl verification -am}):
 * {@code java -cp "verification/target/classes:verification/target/lib/*" io.onorbit.verification.bench.EventDetectionBenchmark [days] [eh|tle]}
 */
public final class EventDetectionBenchmark {

    private static final Instant START = Instant.parse("2026-06-21T00:00:00Z");
    private static final List<GroundStation> STATIONS = List.of(
            new GroundStation("svalbard", 78.229, 15.389, 500, 5, null),
            new GroundStation("weilheim", 47.881, 11.078, 660, 0,
                    new ElevationMaskSpec(new double[] {0, 180, 225, 270}, new double[] {5, 5, 12, 5})),
            new GroundStation("malindi", -2.996, 40.195, 12, 10, null));

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private EventDetectionBenchmark() {
    }

    public static void main(String[] args) {
        double days = args.length > 0 ? Double.parseDouble(args[0]) : 365;
        String kind = args.length > 1 ? args[1] : "eh";
        OrbitContext ctx = OrbitContext.fileFree();
        OrbitSpec orbit = "tle".equals(kind)
                ? new TleSpec("1 99901U 26001A   26172.00000000  .00000000  00000-0  00000-0 0  9995",
                        "2 99901  97.5960 270.0000 0001000  90.0000 270.0000 15.05000000    16")
                : new KeplerianSpec(START, 6_928_137, 0.0001, 97.593, 247.5, 90, 0, PropagatorKind.ECKSTEIN_HECHLER);
        double span = days * 86400;
        System.out.printf(Locale.ROOT, "event detection: 1 satellite (%s) x %d stations x %.0f days, %d cores%n",
                orbit.describe(), STATIONS.size(), days, Runtime.getRuntime().availableProcessors());

        // warm up both paths (JIT) on two days
        new OrekitEventFinder(ctx, STATIONS, 60, 1e-3).find("warm", orbit.propagator(ctx), START, 2 * 86400);
        new FastEventFinder(ctx, STATIONS, FastEventFinder.Options.defaults())
                .find("warm", orbit.propagator(ctx), START, 2 * 86400, null);

        // CPU time of this thread: on a shared machine wall time mostly measures the neighbours.
        long w0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        SatelliteTimeline base = new OrekitEventFinder(ctx, STATIONS, 60, 1e-3)
                .find("base", orbit.propagator(ctx), START, span);
        double baseS = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
        double baseWallS = (System.nanoTime() - w0) / 1e9;
        w0 = System.nanoTime();
        c0 = CPU.getCurrentThreadCpuTime();
        SatelliteTimeline fast = new FastEventFinder(ctx, STATIONS, FastEventFinder.Options.defaults())
                .find("fast", orbit.propagator(ctx), START, span, null);
        double fastS = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
        double fastWallS = (System.nanoTime() - w0) / 1e9;

        Comparison c = compare(base, fast);
        System.out.printf(Locale.ROOT, "baseline (Orekit detectors): %.3f s CPU (%.3f s wall), %d passes, %d eclipse intervals%n",
                baseS, baseWallS, base.passes().size(), base.eclipses().size());
        System.out.printf(Locale.ROOT, "fast (orbit-sim):            %.3f s CPU (%.3f s wall), %d passes, %d eclipse intervals, "
                + "%d propagator calls%n", fastS, fastWallS, fast.passes().size(), fast.eclipses().size(), fast.samples());
        System.out.printf(Locale.ROOT, "ratio: %.1fx faster (CPU time; wall-time ratio %.1fx)%n", baseS / fastS,
                baseWallS / fastWallS);
        System.out.printf(Locale.ROOT, "events matched: %d; max event-time difference: %.3f ms; baseline-only: %d; "
                + "fast-only (passes shorter than the 60 s max check): %d%n", c.matched, c.maxDiffS * 1e3, c.baseOnly,
                c.fastOnly);

        // constellation: 12 satellites, 1 thread vs all cores
        List<SatelliteSpec> sats = new WalkerConstellation("leo", 12, 3, 1,
                new KeplerianSpec(START, 6_978_137, 0, 53, 0, 0, 0, PropagatorKind.ECKSTEIN_HECHLER)).satellites();
        double constellationDays = Math.min(days, 30);
        int cores = TimelineCalculator.defaultThreads();
        double oneS = time(() -> new TimelineCalculator(ctx, STATIONS, FastEventFinder.Options.defaults(), 1, null)
                .compute(sats, START, constellationDays * 86400));
        double allS = time(() -> new TimelineCalculator(ctx, STATIONS, FastEventFinder.Options.defaults(), cores, null)
                .compute(sats, START, constellationDays * 86400));
        System.out.printf(Locale.ROOT, "constellation 12 satellites x 3 stations x %.0f days (wall time): 1 thread %.3f s, "
                + "%d threads %.3f s (%.2fx)%n",
                constellationDays, oneS, cores, allS, oneS / allS);
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private record Comparison(int matched, double maxDiffS, int baseOnly, int fastOnly) {
    }

    /** Matches events by station/kind and time (within 1 s), and reports the largest difference. */
    static Comparison compare(SatelliteTimeline base, SatelliteTimeline fast) {
        int matched = 0;
        int baseOnly = 0;
        double maxDiff = 0;
        for (Pass b : base.passes()) {
            Pass f = fast.passes().stream().filter(p -> p.station().equals(b.station())
                    && Math.abs(p.aosS() - b.aosS()) < 1.0).findFirst().orElse(null);
            if (f == null) {
                baseOnly++;
                continue;
            }
            matched += 2;
            maxDiff = Math.max(maxDiff, Math.max(Math.abs(f.aosS() - b.aosS()), Math.abs(f.losS() - b.losS())));
        }
        int fastOnly = 0;
        for (Pass f : fast.passes()) {
            if (base.passes().stream().noneMatch(p -> p.station().equals(f.station()) && Math.abs(p.aosS() - f.aosS()) < 1.0)) {
                fastOnly++;
            }
        }
        for (Eclipse b : base.eclipses()) {
            Eclipse f = fast.eclipses().stream().filter(e -> e.kind() == b.kind()
                    && Math.abs(e.startS() - b.startS()) < 1.0).findFirst().orElse(null);
            if (f == null) {
                baseOnly++;
                continue;
            }
            matched += 2;
            maxDiff = Math.max(maxDiff, Math.max(Math.abs(f.startS() - b.startS()), Math.abs(f.endS() - b.endS())));
        }
        return new Comparison(matched, maxDiff, baseOnly, fastOnly);
    }
}
