package io.onorbit.verification.bench;

import io.onorbit.ground.ingest.DeltaDecoder;
import io.onorbit.ground.ingest.FlightDeltaDecoder;
import io.onorbit.verification.launcher.OnOrbitCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code kill -9} during {@code onorbit simulate} (issue 12, "Done when"). Per trial, a separate
 * JVM runs {@code simulate MISSION --days D --out DIR --ack-journal FILE} and is killed with
 * SIGKILL ({@link Process#destroyForcibly()}) after a random wall time drawn uniformly from
 * [min, max] s with a seeded {@link Random} (the seed is printed). Then, in this process:
 * <ol>
 *   <li>{@code PRAGMA integrity_check} on {@code DIR/archive.db} must say {@code ok};</li>
 *   <li>every delta the journal says the ground acknowledged (a line written to the OS after the
 *       archive commit and before the acknowledgement is queued; it survives the kill, and it is not
 *       the archive) must be in the archive: a stored delta of that satellite whose encoded
 *       message decodes to that sequence number;</li>
 *   <li>{@code onorbit review list --archive DIR/archive.db} must exit 0 and list at least as many
 *       deltas as the journal holds;</li>
 *   <li>{@code DIR/summary.json} must say {@code "complete" : false} (a run that finished before
 *       the kill is counted apart, and must say true).</li>
 * </ol>
 * Exit code 1 if any trial fails a check.
 *
 * <p>Run: {@code java -cp "verification/target/classes:verification/target/lib/*"
 * io.onorbit.verification.bench.KillNineBenchmark [trials] [days] [minS] [maxS] [seed] [mission]} after
 * {@code ./onorbit --help}; defaults 20 trials, 60 days, kills between 3 and 90 s, seed 12,
 * {@code mission-configs/sso-550km.yaml}.
 */
public final class KillNineBenchmark {

    private KillNineBenchmark() {
    }

    /** What one trial found. */
    record Trial(int n, double killAfterS, boolean finished, boolean folder, String integrity, int acknowledged, int missing,
                 int reviewExit, int listed, String complete) {
        boolean passed() {
            if (!folder) {
                return !finished && acknowledged == 0; // killed while starting, before the report folder: nothing to keep
            }
            return integrity.equals("ok") && missing == 0 && reviewExit == 0 && listed >= acknowledged
                    && complete.equals(finished ? "true" : "false");
        }
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String days = args.length > 1 ? args[1] : "60";
        double minS = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        double maxS = args.length > 3 ? Double.parseDouble(args[3]) : 90;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 12;
        Path mission = Path.of(args.length > 5 ? args[5] : "mission-configs/sso-550km.yaml").toAbsolutePath();
        Random random = new Random(seed);
        Path work = Files.createTempDirectory("onorbit-kill9-bench-");
        System.out.printf(Locale.ROOT, "kill -9 of simulate %s --days %s: %d trials, kill after U[%.0f, %.0f] s (seed %d), in %s%n",
                mission.getFileName(), days, trials, minS, maxS, seed, work);
        int failed = 0;
        int finished = 0;
        long acknowledged = 0;
        for (int n = 1; n <= trials; n++) {
            double after = minS + random.nextDouble() * (maxS - minS);
            Trial t = trial(n, work, mission, days, after);
            acknowledged += t.acknowledged();
            finished += t.finished() ? 1 : 0;
            failed += t.passed() ? 0 : 1;
            System.out.printf(Locale.ROOT, "trial %2d: %s after %5.1f s | %s | integrity_check %s | acknowledged %d, missing from "
                            + "the archive %d | review list exit %d, %d deltas | summary complete %s | %s%n",
                    n, t.finished() ? "finished" : "killed  ", t.killAfterS(),
                    t.folder() ? "report folder in place" : "before the report folder", t.integrity(), t.acknowledged(), t.missing(),
                    t.reviewExit(), t.listed(), t.complete(), t.passed() ? "pass" : "FAIL");
        }
        System.out.printf(Locale.ROOT, "%d trials (%d killed, %d finished first): %d failed; %d acknowledged deltas checked%n",
                trials, trials - finished, finished, failed, acknowledged);
        System.exit(failed == 0 ? 0 : 1);
    }

    /** @return what {@code PRAGMA integrity_check} says ("ok" for a sound file), or why the file cannot be opened */
    static String integrity(Path archive) {
        if (!Files.exists(archive)) {
            return "no archive";
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + archive); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            StringBuilder b = new StringBuilder();
            while (r.next()) {
                b.append(b.length() == 0 ? "" : "; ").append(r.getString(1));
            }
            return b.toString();
        } catch (java.sql.SQLException e) {
            return "cannot open: " + e.getMessage();
        }
    }

    /**
     * @return "satellite sequence" of every delta stored in the archive, read from its encoded
     *         message (not from anything the journal wrote)
     */
    static Set<String> storedDeltas(Path archive) throws java.sql.SQLException, DeltaDecoder.Refusal {
        Set<String> stored = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + archive); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'deltas'")) {
                if (!(r.next() && r.getInt(1) == 1)) {
                    return stored; // killed before the schema was committed
                }
            }
            DeltaDecoder decoder = new FlightDeltaDecoder();
            try (ResultSet r = s.executeQuery("SELECT satellite, encoded FROM deltas")) {
                while (r.next()) {
                    stored.add(r.getString(1) + " " + decoder.decode(r.getBytes(2)).sequence());
                }
            }
        }
        return stored;
    }

    /** @return journal lines ({@code time satellite sequence}) whose delta is not in {@code stored}, or malformed */
    static int missing(List<String> journal, Set<String> stored) {
        int missing = 0;
        for (String line : journal) {
            String[] f = line.split(" ");
            if (f.length != 3 || !stored.contains(f[1] + " " + f[2])) {
                missing++;
            }
        }
        return missing;
    }

    static Trial trial(int n, Path work, Path mission, String days, double afterS) throws Exception {
        Path out = work.resolve("run-" + n);
        Path journal = work.resolve("acks-" + n + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                OnOrbitCli.class.getName(), "simulate", mission.toString(), "--days", days, "--out", out.toString(),
                "--ack-journal", journal.toString(), "--quiet", "--format", "json");
        pb.redirectOutput(work.resolve("run-" + n + ".out").toFile());
        pb.redirectError(work.resolve("run-" + n + ".err").toFile());
        Process p = pb.start();
        boolean done = p.waitFor(Math.round(afterS * 1000), TimeUnit.MILLISECONDS);
        if (!done) {
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
            p.waitFor();
        }
        Path archive = out.resolve("archive.db");
        String integrity = integrity(archive);
        List<String> acks = Files.exists(journal) ? Files.readAllLines(journal) : List.of();
        int missing = integrity.startsWith("cannot open") || integrity.equals("no archive") ? acks.size()
                : missing(acks, storedDeltas(archive));
        StringWriter listOut = new StringWriter();
        var cl = OnOrbitCli.commandLine();
        cl.setOut(new PrintWriter(listOut));
        cl.setErr(new PrintWriter(new StringWriter()));
        boolean folder = Files.isDirectory(out);
        int reviewExit = !folder ? -1 : cl.execute("review", "list", "--archive", archive.toString(), "--format", "json");
        int listed = reviewExit == 0 ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(listOut.toString()).size() : -1;
        String complete = "no summary";
        Path summary = out.resolve("summary.json");
        if (Files.exists(summary)) {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary.toFile()).get("complete");
            complete = node == null ? "absent" : node.asText();
        }
        return new Trial(n, afterS, done, folder, integrity, acks.size(), missing, reviewExit, listed, complete);
    }
}
