package io.onorbit.verification.bench;

import io.onorbit.verification.launcher.OnOrbitCli;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onorbit.ground.config.MissionConfig;
import io.onorbit.ground.config.MissionLoader;
import io.onorbit.ground.planning.MissionPlanner;
import io.onorbit.orbit.context.OrbitContext;
import io.onorbit.orbit.events.OrekitEventFinder;
import io.onorbit.orbit.spec.SatelliteSpec;
import io.onorbit.verification.cli.PlanWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code onorbit plan} as a user runs it against the straightforward Orekit setup, in the same run:
 *
 * <ul>
 *   <li><b>whole process</b>: spawns {@code onorbit plan MISSION --days N --format json --out F}
 *       and {@link OrekitPlanBaseline} (the straightforward setup as a program: one
 *       ElevationDetector per station, umbra and penumbra EclipseDetectors, 60 s max check, 1 ms
 *       threshold) as separate JVMs with the same options, alternating, best of {@code runs}; also
 *       the same at 1 day, so that the difference (N - 1 days) shows the ratio with start-up
 *       cancelled;</li>
 *   <li><b>in process</b>: after a 2-day warm-up of both, {@code MissionPlanner.plan} plus the JSON
 *       writer against {@link OrekitEventFinder} on the same satellite, thread CPU time;</li>
 *   <li><b>accuracy</b>: both processes' outputs matched event by event: largest contact and eclipse
 *       time difference, events the fast plan missed (must be 0) and extra short passes.</li>
 * </ul>
 *
 * <p>Both a TLE (SGP4) and a Keplerian (Eckstein-Hechler) 550 km sun-synchronous satellite, with
 * the three stations of {@code mission-configs/sso-550km.yaml}.
 *
 * <p>Run from the repository root (after {@code ./onorbit --help}): {@code java -cp "verification/target/classes:verification/target/lib/*"
 * io.onorbit.verification.bench.PlanBenchmark [DAYS=365] [RUNS=3] [tle|kepler|both|MISSION.yaml]}; a mission
 * file instead of the built-in satellites measures its own satellites and stations.
 */
public final class PlanBenchmark {

    private static final String STATIONS = """
            ground_stations:
              - name: svalbard
                latitude_deg: 78.229
                longitude_deg: 15.389
                altitude_m: 500
                min_elevation_deg: 5
                downlink_bps: 10000000
                uplink_bps: 256000
              - name: weilheim
                latitude_deg: 47.881
                longitude_deg: 11.078
                altitude_m: 660
                elevation_mask:
                  - [0, 5]
                  - [180, 5]
                  - [225, 12]
                  - [270, 5]
                downlink_bps: 4000000
                uplink_bps: 128000
              - name: malindi
                latitude_deg: -2.996
                longitude_deg: 40.195
                altitude_m: 12
                min_elevation_deg: 10
            """;
    private static final String TLE_SAT = """
            satellites:
              - name: sat-tle
                tle:
                  - "1 99901U 26001A   26172.00000000  .00000000  00000-0  00000-0 0  9995"
                  - "2 99901  97.5960 270.0000 0001000  90.0000 270.0000 15.05000000    16"
            """;
    private static final String KEPLER_SAT = """
            satellites:
              - name: sat-kepler
                altitude_km: 550
                eccentricity: 0.0001
                inclination_deg: 97.593
                raan_deg: 247.5
                arg_of_perigee_deg: 90
                true_anomaly_deg: 0
                propagator: eckstein-hechler
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double days = args.length > 0 ? Double.parseDouble(args[0]) : 365;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("onorbit-plan-bench");
        System.out.printf(Locale.ROOT, "plan benchmark: 1 satellite x 3 stations x %.0f days; %d cores; best of %d; "
                + "load average %.2f%n", days, Runtime.getRuntime().availableProcessors(), runs,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<String> rows = new ArrayList<>();
        String only = args.length > 2 ? args[2] : "both";
        if (only.endsWith(".yaml") || only.endsWith(".yml")) {
            // any mission file (its satellites and stations): orbits not in the repository
            rows.add(run(Path.of(only).getFileName().toString(), Path.of(only).toAbsolutePath(), days, runs, dir));
            only = "none";
        }
        for (String[] kind : new String[][] {{"TLE (SGP4)", TLE_SAT, "tle"}, {"Keplerian (Eckstein-Hechler)", KEPLER_SAT, "kepler"}}) {
            if (!only.equals("both") && !only.equals(kind[2])) {
                continue;
            }
            Path mission = dir.resolve("mission-" + rows.size() + ".yaml");
            Files.writeString(mission, "mission: plan-bench\nstart: 2026-06-21T00:00:00Z\nduration: P7D\n" + kind[1] + STATIONS);
            rows.add(run(kind[0], mission, days, runs, dir));
        }
        System.out.println();
        System.out.println("| orbit | baseline process | onorbit plan process | whole-process ratio (wall) | whole-process ratio (CPU) "
                + "| ratio minus 1-day start-up (wall) "
                + "| in-process ratio (CPU) | max contact diff | max eclipse diff | missed | extra short passes "
                + "| disputed contacts, refereed at a 0.1 s max check |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
        deleteTree(dir);
    }

    private static String run(String label, Path mission, double days, int runs, Path dir) throws Exception {
        System.out.println();
        System.out.println("== " + label);
        Path fastOut = dir.resolve("fast.json");
        Path baseOut = dir.resolve("base.json");
        double[] fast = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] base = {Double.MAX_VALUE, Double.MAX_VALUE};
        long[] fastRss = {0};
        long[] baseRss = {0};
        double[] fastCpu = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] baseCpu = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] spans = {days, 1};
        for (int r = 0; r < runs; r++) {
            for (int s = 0; s < 2; s++) {
                String d = Double.toString(spans[s]);
                // the 1-day outputs go elsewhere: the full-span ones are compared below
                Path bo = s == 0 ? baseOut : dir.resolve("base-1d.json");
                Path fo = s == 0 ? fastOut : dir.resolve("fast-1d.json");
                // each run writes afresh (plan refuses to replace a file without --force)
                Files.deleteIfExists(bo);
                Files.deleteIfExists(fo);
                Timed b = spawn(List.of(OrekitPlanBaseline.class.getName(), mission.toString(), d, bo.toString()));
                Timed f = spawnPlan(List.of("plan", mission.toString(), "--days", d, "--format", "json", "--out", fo.toString()));
                base[s] = Math.min(base[s], b.wallS);
                fast[s] = Math.min(fast[s], f.wallS);
                baseCpu[s] = Math.min(baseCpu[s], b.cpuS);
                fastCpu[s] = Math.min(fastCpu[s], f.cpuS);
                if (s == 0) {
                    baseRss[0] = Math.max(baseRss[0], b.maxRssKb);
                    fastRss[0] = Math.max(fastRss[0], f.maxRssKb);
                }
                System.out.printf(Locale.ROOT, "  run %d, %5.0f days: baseline %.2f s (CPU %.2f s), onorbit plan %.2f s "
                        + "(CPU %.2f s)%n", r + 1, spans[s], b.wallS, b.cpuS, f.wallS, f.cpuS);
            }
        }
        Match match = compare(JSON.readTree(baseOut.toFile()), JSON.readTree(fastOut.toFile()));
        JsonNode fastPlan = JSON.readTree(fastOut.toFile());
        double refereeMaxS = referee(mission, match.disputed(), fastPlan);
        double inProcess = inProcess(mission, days);
        double whole = base[0] / fast[0];
        double marginal = (base[0] - base[1]) / (fast[0] - fast[1]);
        System.out.printf(Locale.ROOT, "  whole process: baseline %.2f s, plan %.2f s: %.1fx (peak RSS %d MB vs %d MB)%n",
                base[0], fast[0], whole, baseRss[0] / 1024, fastRss[0] / 1024);
        System.out.printf(Locale.ROOT, "  whole process, CPU time (user + system): baseline %.2f s, plan %.2f s: %.1fx%n",
                baseCpu[0], fastCpu[0], baseCpu[0] / fastCpu[0]);
        System.out.printf(Locale.ROOT, "  1-day processes: baseline %.2f s, plan %.2f s; minus start-up: %.1fx%n", base[1],
                fast[1], marginal);
        System.out.printf(Locale.ROOT, "  in process (thread CPU, after warm-up): %.1fx%n", inProcess);
        System.out.printf(Locale.ROOT, "  disputed contacts (the fast plan and the baseline differ in where a pass ends): %d; "
                + "refereed by Orekit's detector at a %.1f s max check: the fast plan's passes there agree within %.1f ms%n",
                match.disputed().size(), REFEREE_MAX_CHECK_S, refereeMaxS * 1e3);
        System.out.printf(Locale.ROOT, "  accuracy: %d contacts and %d eclipses matched; max contact diff %.1f ms, "
                + "max eclipse diff %.1f ms; missed %d; extra short passes %d%n", match.contacts, match.eclipses,
                match.maxContactS * 1e3, match.maxEclipseS * 1e3, match.missed, match.extra);
        return String.format(Locale.ROOT, "| %s | %.2f s, CPU %.2f s (%d MB) | %.2f s, CPU %.2f s (%d MB) | **%.1fx** "
                        + "| %.1fx | %.1fx | %.1fx | %.1f ms | %.1f ms | %d | %d | %d, within %.1f ms |", label, base[0], baseCpu[0],
                baseRss[0] / 1024, fast[0], fastCpu[0], fastRss[0] / 1024, whole, baseCpu[0] / fastCpu[0],
                marginal, inProcess, match.maxContactS * 1e3, match.maxEclipseS * 1e3, match.missed, match.extra,
                match.disputed().size(), refereeMaxS * 1e3);
    }

    /** Wall time, peak resident memory and user + system CPU time of one process (0 when unknown). */
    private record Timed(double wallS, long maxRssKb, double cpuS) {
    }

    /**
     * Runs {@code onorbit ARGS} as a user does: the repository's launcher script when the benchmark
     * runs from the repository root (its default {@code -Xmx4g}), else the same main class in a JVM.
     */
    private static Timed spawnPlan(List<String> args) throws IOException, InterruptedException {
        if (Files.isExecutable(Path.of("onorbit"))) {
            List<String> cmd = new ArrayList<>(List.of("./onorbit"));
            cmd.addAll(args);
            return time(cmd);
        }
        List<String> main = new ArrayList<>(List.of("io.onorbit.verification.launcher.OnOrbitCli"));
        main.addAll(args);
        return spawn(main);
    }

    /** Runs a main class of this class path in a fresh JVM with the launcher's options. */
    private static Timed spawn(List<String> mainAndArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx4g");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(mainAndArgs);
        return time(cmd);
    }

    /** Runs a command to its end; wall time, and peak RSS and CPU time when GNU time is installed. */
    private static Timed time(List<String> command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/time"))) {
            cmd.addAll(List.of("/usr/bin/time", "-f", "MAXRSS_KB=%M CPU_S=%U+%S"));
        }
        cmd.addAll(command);
        List<String> mainAndArgs = command;
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes());
        int code = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", mainAndArgs) + " exited " + code + ": " + err);
        }
        long rss = 0;
        double cpu = 0;
        for (String line : err.lines().toList()) {
            if (line.startsWith("MAXRSS_KB=")) {
                String[] f = line.split("[ =+]");
                rss = Long.parseLong(f[1]);
                cpu = Double.parseDouble(f[3]) + Double.parseDouble(f[4]);
            }
        }
        return new Timed(wall, rss, cpu);
    }

    /** @return baseline CPU time / (plan + JSON) CPU time, one thread, after a 2-day warm-up of both */
    private static double inProcess(Path missionFile, double days) {
        MissionConfig m = MissionLoader.load(missionFile);
        OrbitContext ctx = OrbitContext.fileFree();
        SatelliteSpec sat = m.satellites().get(0);
        MissionPlanner planner = new MissionPlanner(ctx).withThreads(1);
        OrekitEventFinder orekit = new OrekitEventFinder(ctx, m.stations(), 60.0, 1.0e-3);
        MissionConfig warm = m.withDuration(Duration.ofDays(2));
        orekit.find("warm", sat.orbit().propagator(ctx), m.start(), warm.durationS());
        PlanWriter.json(planner.plan(warm), OutputStream.nullOutputStream());
        MissionConfig full = m.withDuration(Duration.ofMillis(Math.round(days * 86_400_000L)));
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = cpu.getCurrentThreadCpuTime();
        orekit.find("base", sat.orbit().propagator(ctx), m.start(), full.durationS());
        long c1 = cpu.getCurrentThreadCpuTime();
        PlanWriter.json(planner.plan(full), OutputStream.nullOutputStream());
        long c2 = cpu.getCurrentThreadCpuTime();
        return (double) (c1 - c0) / (c2 - c1);
    }

    /**
     * A baseline contact whose start the fast plan matches but whose end it does not: the fast plan
     * ends it early and starts another (a dip below the mask between the baseline's checks) or the
     * reverse. Times in s since 1970.
     */
    private record Disputed(String satellite, String station, double aosS, double losS) {
    }

    private record Match(int contacts, int eclipses, double maxContactS, double maxEclipseS, int missed, int extra,
                         List<Disputed> disputed) {
    }

    /** Max check of the referee: far below the baseline's 60 s, so a dip of a second is seen, s. */
    private static final double REFEREE_MAX_CHECK_S = 0.1;

    /**
     * Settles each disputed contact with the straightforward Orekit setup itself, run at a
     * {@link #REFEREE_MAX_CHECK_S} max check over the contact and 2 minutes either side: every pass it
     * finds there must be in the fast plan and the reverse.
     *
     * @return the largest AOS/LOS difference between the referee's passes and the fast plan's, s
     * @throws IllegalStateException if the referee and the fast plan disagree on the passes there
     */
    private static double referee(Path missionFile, List<Disputed> disputed, JsonNode fastPlan) {
        double worst = 0;
        if (disputed.isEmpty()) {
            return worst;
        }
        MissionConfig m = MissionLoader.load(missionFile);
        OrbitContext ctx = OrbitContext.fileFree();
        for (Disputed d : disputed) {
            SatelliteSpec sat = m.satellites().stream().filter(s -> s.name().equals(d.satellite())).findFirst().orElseThrow();
            var station = m.stations().stream().filter(s -> s.name().equals(d.station())).toList();
            double fromS = d.aosS() - 120;
            double toS = d.losS() + 120;
            Instant from = Instant.ofEpochMilli(Math.round(fromS * 1000));
            var fine = new OrekitEventFinder(ctx, station, REFEREE_MAX_CHECK_S, 1.0e-4)
                    .find(d.satellite(), sat.orbit().propagator(ctx), from, toS - fromS).passes();
            List<double[]> fast = new ArrayList<>();
            for (JsonNode c : fastPlan.get("contacts")) {
                double aos = seconds(c.get("aos"));
                double los = seconds(c.get("los"));
                if (c.get("satellite").asText().equals(d.satellite()) && c.get("station").asText().equals(d.station())
                        && los > fromS && aos < toS) {
                    fast.add(new double[] {aos, los});
                }
            }
            double t0 = from.getEpochSecond() + from.getNano() / 1e9;
            if (fine.size() != fast.size()) {
                throw new IllegalStateException("disputed contact " + d + ": the referee finds " + fine.size()
                        + " passes there, the fast plan " + fast.size());
            }
            for (int i = 0; i < fine.size(); i++) {
                double aos = t0 + fine.get(i).aosS();
                double los = t0 + fine.get(i).losS();
                // the window's own bounds cut nothing: passes lie inside it
                worst = Math.max(worst, Math.max(Math.abs(aos - fast.get(i)[0]), Math.abs(los - fast.get(i)[1])));
            }
            System.out.printf(Locale.ROOT, "  disputed %s/%s from %s: baseline 1 pass of %.1f s; referee and fast plan %d passes%n",
                    d.satellite(), d.station(), Instant.ofEpochMilli(Math.round(d.aosS() * 1000)), d.losS() - d.aosS(),
                    fine.size());
        }
        return worst;
    }

    /** An end this far from the baseline's is not a timing error but a different pass structure, s. */
    private static final double DISPUTED_S = 1.0;

    /**
     * Matches events by satellite, station or kind, and start within 1 s; a contact whose end differs
     * by more than {@link #DISPUTED_S} is set aside as disputed, for {@link #referee}.
     */
    static Match compare(JsonNode base, JsonNode fast) {
        Map<String, List<double[]>> fastContacts = new TreeMap<>();
        for (JsonNode c : fast.get("contacts")) {
            fastContacts.computeIfAbsent(c.get("satellite").asText() + "/" + c.get("station").asText(), k -> new ArrayList<>())
                    .add(new double[] {seconds(c.get("aos")), seconds(c.get("los")), 0});
        }
        Map<String, List<double[]>> fastEclipses = new TreeMap<>();
        for (JsonNode e : fast.get("eclipses")) {
            fastEclipses.computeIfAbsent(e.get("satellite").asText() + "/" + e.get("kind").asText(), k -> new ArrayList<>())
                    .add(new double[] {seconds(e.get("start")), seconds(e.get("end")), 0});
        }
        int contacts = 0;
        int eclipses = 0;
        int missed = 0;
        List<Disputed> disputed = new ArrayList<>();
        double maxC = 0;
        double maxE = 0;
        for (JsonNode t : base.get("satellites_timelines")) {
            String sat = t.get("satellite").asText();
            for (JsonNode c : t.get("contacts")) {
                double[] f = find(fastContacts.get(sat + "/" + c.get("station").asText()), seconds(c.get("aos")));
                if (f == null) {
                    missed++;
                    continue;
                }
                f[2] = 1;
                double losDiff = Math.abs(f[1] - seconds(c.get("los")));
                if (losDiff > DISPUTED_S) {
                    disputed.add(new Disputed(sat, c.get("station").asText(), seconds(c.get("aos")), seconds(c.get("los"))));
                    continue;
                }
                contacts++;
                maxC = Math.max(maxC, Math.max(Math.abs(f[0] - seconds(c.get("aos"))), losDiff));
            }
            for (JsonNode e : t.get("eclipses")) {
                double[] f = find(fastEclipses.get(sat + "/" + e.get("kind").asText()), seconds(e.get("start")));
                if (f == null) {
                    missed++;
                    continue;
                }
                f[2] = 1;
                eclipses++;
                maxE = Math.max(maxE, Math.max(Math.abs(f[0] - seconds(e.get("start"))), Math.abs(f[1] - seconds(e.get("end")))));
            }
        }
        int extra = 0;
        for (List<double[]> l : fastContacts.values()) {
            extra += (int) l.stream().filter(f -> f[2] == 0).count();
        }
        for (List<double[]> l : fastEclipses.values()) {
            extra += (int) l.stream().filter(f -> f[2] == 0).count();
        }
        return new Match(contacts, eclipses, maxC, maxE, missed, extra, disputed);
    }

    private static double[] find(List<double[]> events, double startS) {
        if (events == null) {
            return null;
        }
        return events.stream().filter(f -> Math.abs(f[0] - startS) < 1.0).findFirst().orElse(null);
    }

    private static double seconds(JsonNode iso) {
        Instant t = Instant.parse(iso.asText());
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted((a, b) -> b.compareTo(a)).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
