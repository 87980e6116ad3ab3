package io.onorbit.verification.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code onorbit plan} and {@code onorbit simulate} at constellation scale, as a user runs them:
 * Walker-delta constellations (53 deg, 600 km, one plane per 10 satellites, the three stations of
 * {@code mission-configs/walker-1000.yaml}) of each size, {@code plan --days P --format json} and
 * {@code simulate --days S}, each a fresh {@code ./onorbit} process with the launcher's own JVM
 * options (a GC log added). For each: wall time, CPU time (user + system, GNU time), peak resident memory,
 * and the peak heap (the largest heap occupancy the collector logged before a collection or at
 * exit, from {@code -Xlog:gc}). Baseline of the ratio: the first (smallest) size in the same run;
 * "per satellite-day" shows how close the scaling is to linear.
 *
 * <p>From the repository root, after {@code ./onorbit --help}: {@code java -cp
 * "verification/target/classes:verification/target/lib/*" io.onorbit.verification.bench.ConstellationScalingBenchmark
 * [PLAN_DAYS=7] [SIMULATE_DAYS=1] [SIZES=12,100,1000]}
 */
public final class ConstellationScalingBenchmark {

    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    /** the heap at exit ({@code gc+heap+exit}): "... heap total 123K, used 45K" */
    private static final Pattern EXIT_HEAP = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private ConstellationScalingBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        double planDays = args.length > 0 ? Double.parseDouble(args[0]) : 7;
        double simDays = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        String[] sizes = (args.length > 2 ? args[2] : "12,100,1000").split(",");
        if (!Files.isExecutable(Path.of("onorbit"))) {
            throw new IllegalStateException("run from the repository root (./onorbit not found)");
        }
        Path dir = Files.createTempDirectory("onorbit-constellation");
        System.out.printf(Locale.ROOT, "constellation scaling: Walker 53 deg 600 km x 3 stations; plan %.0f days, simulate %.0f days; "
                        + "%d cores; load average %.2f at start%n", planDays, simDays, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<String> rows = new ArrayList<>();
        double[] base = {Double.NaN, Double.NaN};
        for (String size : sizes) {
            int n = Integer.parseInt(size.trim());
            Path mission = dir.resolve("walker-" + n + ".yaml");
            Files.writeString(mission, mission(n));
            Timed plan = run(dir, "plan-" + n, List.of("plan", mission.toString(), "--days", Double.toString(planDays),
                    "--format", "json", "--quiet", "--out", dir.resolve("plan-" + n + ".json").toString()));
            Timed sim = run(dir, "simulate-" + n, List.of("simulate", mission.toString(), "--days", Double.toString(simDays),
                    "--format", "json", "--quiet", "--demo-keys-from-seed", "--out", dir.resolve("sim-" + n).toString()));
            double planPer = plan.wallS * 1e3 / (n * planDays);
            double simPer = sim.wallS * 1e3 / (n * simDays);
            if (Double.isNaN(base[0])) {
                base[0] = planPer;
                base[1] = simPer;
            }
            String row = String.format(Locale.ROOT, "| %d | plan %.0f d | %.1f s | %.1f s | %d MB | %d MB | %.2f | %.2f |%n"
                            + "| %d | simulate %.0f d | %.1f s | %.1f s | %d MB | %d MB | %.2f | %.2f |",
                    n, planDays, plan.wallS, plan.cpuS, plan.peakHeapMb, plan.maxRssKb / 1024, planPer, planPer / base[0],
                    n, simDays, sim.wallS, sim.cpuS, sim.peakHeapMb, sim.maxRssKb / 1024, simPer, simPer / base[1]);
            System.out.println(row);
            rows.add(row);
        }
        System.out.printf(Locale.ROOT, "%nload average %.2f at end%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| satellites | command | wall | CPU (user + system) | peak heap | peak RSS | wall ms per satellite-day | vs smallest |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
        try (var walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    static String mission(int satellites) {
        return WalkerMissions.walker(satellites, 86_400, 7);
    }

    private record Timed(double wallS, double cpuS, long maxRssKb, long peakHeapMb) {
    }

    /** Runs {@code ./onorbit ARGS} with the launcher's options plus a GC log; exit 0 required. */
    private static Timed run(Path dir, String label, List<String> args) throws IOException, InterruptedException {
        Path gcLog = dir.resolve(label + "-gc.log");
        List<String> cmd = new ArrayList<>();
        boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
        if (gnuTime) {
            cmd.addAll(List.of("/usr/bin/time", "-f", "MAXRSS_KB=%M CPU_S=%U+%S"));
        }
        cmd.add("./onorbit");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // the launcher's own options (one place: the launcher), with a GC log added
        pb.environment().remove("ONORBIT_JAVA_OPTS");
        pb.environment().put("ONORBIT_EXTRA_JAVA_OPTS", "-Xlog:gc,gc+heap+exit:file=" + gcLog);
        long t0 = System.nanoTime();
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes());
        int code = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("onorbit " + String.join(" ", args) + " exited " + code + ": " + err);
        }
        long rss = 0;
        double cpu = Double.NaN;
        for (String line : err.lines().toList()) {
            if (line.startsWith("MAXRSS_KB=")) {
                String[] f = line.split("[ =+]");
                rss = Long.parseLong(f[1]);
                cpu = Double.parseDouble(f[3]) + Double.parseDouble(f[4]);
            }
        }
        long peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_HEAP.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
            Matcher exit = EXIT_HEAP.matcher(line);
            if (exit.find()) {
                peak = Math.max(peak, Long.parseLong(exit.group(1)) >> 10);
            }
        }
        System.out.printf(Locale.ROOT, "  %-14s %.1f s wall, %.1f s CPU, peak heap %d MB, peak RSS %d MB%n", label, wall, cpu,
                peak, rss / 1024);
        return new Timed(wall, cpu, rss, peak);
    }
}
