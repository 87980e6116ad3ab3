package io.onorbit.verification.bench;

import io.onorbit.ground.config.MissionConfig;
import io.onorbit.ground.config.MissionLoader;
import io.onorbit.ground.planning.MissionPlan;
import io.onorbit.ground.planning.MissionPlanner;
import io.onorbit.orbit.events.TimelineCalculator;
import io.onorbit.verification.cli.PlanWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code onorbit plan} at constellation scale: Walker-delta constellations (53 deg, 600 km, one
 * plane per 10 satellites or fewer) with three stations, planned over N days on every core with
 * the JSON written: wall time, CPU time of the process, and the peak heap (the sum of the heap
 * pools' peak usages, reset before each size: an upper bound of the peak, as the pools may peak at
 * different moments). In process, with the JVM's default compiler and collector.
 * Baseline of the ratio: the 12-satellite run of the same process; "per satellite-day" shows how
 * close the scaling is to linear.
 *
 * <p>Run with the launcher's heap: {@code java -Xmx4g -cp "verification/target/classes:verification/target/lib/*"
 * io.onorbit.verification.bench.PlanScalingBenchmark [DAYS=7] [SIZES=12,100,1000]}
 */
public final class PlanScalingBenchmark {

    private PlanScalingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        double days = args.length > 0 ? Double.parseDouble(args[0]) : 7;
        String[] sizes = (args.length > 1 ? args[1] : "12,100,1000").split(",");
        Path dir = Files.createTempDirectory("onorbit-plan-scaling");
        System.out.printf(Locale.ROOT, "plan scaling: Walker 53 deg 600 km x 3 stations x %.0f days; %d threads; max heap %d MB; "
                + "load average %.2f%n", days, TimelineCalculator.defaultThreads(),
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // warm-up (JIT) on a small case, not counted
        run(dir, 4, 1);
        double baselinePerSatDay = Double.NaN;
        System.out.println("| satellites | passes | eclipses | wall s | process CPU s | peak heap MB | wall ms per satellite-day | vs 12 |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String size : sizes) {
            int n = Integer.parseInt(size.trim());
            Result r = run(dir, n, days);
            double perSatDay = r.wallS * 1e3 / (n * days);
            if (Double.isNaN(baselinePerSatDay)) {
                baselinePerSatDay = perSatDay;
            }
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %.1f | %.1f | %d | %.2f | %.2f |%n", n, r.passes, r.eclipses,
                    r.wallS, r.cpuS, r.peakHeapBytes >> 20, perSatDay, perSatDay / baselinePerSatDay);
        }
        Files.walk(dir).sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }

    private record Result(double wallS, double cpuS, long peakHeapBytes, long passes, long eclipses) {
    }

    private static Result run(Path dir, int satellites, double days) throws IOException {
        Path mission = dir.resolve("walker-" + satellites + ".yaml");
        Files.writeString(mission, WalkerMissions.walker(satellites, Math.round(days * 86400), 1));
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        MissionConfig m = MissionLoader.load(mission);
        MissionPlan plan = MissionPlanner.fileFree().plan(m);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("plan.json")))) {
            PlanWriter.json(plan, out);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - c0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long eclipses = plan.timelines().stream().mapToLong(t -> t.eclipses().size()).sum();
        return new Result(wall, cpu, peak, plan.allPasses().size(), eclipses);
    }
}
