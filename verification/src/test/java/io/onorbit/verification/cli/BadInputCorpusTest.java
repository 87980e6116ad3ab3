package io.onorbit.verification.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.verification.report.AtomicOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus (issue 12, "Done when"): mission files, options, archives and output paths
 * a user may get wrong or that would destroy their data. Every case runs through the command line
 * in-process and must give exit code 2, at most three lines on standard error with no stack trace,
 * and leave every file in the user's folder byte-identical (SHA-256 of each file, and the set of
 * files, before and after).
 */
class BadInputCorpusTest {

    @TempDir
    static Path shared;

    /** A valid archive made by the demo pass, copied into each case's folder. */
    static Path archive;

    @BeforeAll
    static void makeArchive() {
        archive = shared.resolve("archive.db");
        CliRun r = CliRun.of("review", "simulate-pass", "--archive", archive.toString(), "--satellites", "3");
        assertThat(r.code()).as(r.err()).isZero();
    }

    /** One case: a name, how to lay out the user's folder, and the arguments (given that folder). */
    record Case(String name, Setup setup, Function<Path, String[]> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Setup {
        void in(Path dir) throws IOException;
    }

    static final String MINIMAL = read(PlanCommandTest.mission("minimal.yaml"));

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The minimal mission with {@code from} replaced by {@code to} (the replacement must happen). */
    static Setup mission(String from, String to) {
        return dir -> {
            assertThat(MINIMAL).contains(from);
            Files.writeString(dir.resolve("m.yaml"), MINIMAL.replace(from, to));
        };
    }

    static Setup mission() {
        return dir -> Files.writeString(dir.resolve("m.yaml"), MINIMAL);
    }

    static Setup and(Setup a, Setup b) {
        return dir -> {
            a.in(dir);
            b.in(dir);
        };
    }

    static Setup file(String name, String text) {
        return dir -> {
            Files.createDirectories(dir.resolve(name).getParent());
            Files.writeString(dir.resolve(name), text);
        };
    }

    static Setup archiveCopy() {
        return dir -> Files.copy(archive, dir.resolve("a.db"));
    }

    /** An earlier OnOrbit output folder (marker listing its files), optionally with a user's file added. */
    static Setup earlierOutput(String name, boolean userFileAdded) {
        return dir -> {
            Path out = Files.createDirectories(dir.resolve(name));
            Files.writeString(out.resolve("summary.json"), "{}\n");
            AtomicOutput.mark(out);
            if (userFileAdded) {
                Files.writeString(out.resolve("my-notes.txt"), "mine\n");
            }
        };
    }

    static Case c(String name, Setup setup, Function<Path, String[]> args) {
        return new Case(name, setup, args);
    }

    static String p(Path dir, String name) {
        return dir.resolve(name).toString();
    }

    static Stream<Arguments> corpus() {
        List<Case> cs = new ArrayList<>();
        // ---- dangerous outputs
        cs.add(c("simulate a Walker of 1001 satellites (plan takes 10000, the closed loop 1000)",
                mission("ground_stations:", "  - name: w\n    altitude_km: 550\n    inclination_deg: 53\n"
                        + "    walker:\n      total: 1001\n      planes: 7\n      phasing: 1\nground_stations:"),
                d -> new String[] {"simulate", p(d, "m.yaml"), "--days", "1"}));
        cs.add(c("simulate --out a folder holding the user's files", and(mission(), file("out/thesis.tex", "x")),
                d -> new String[] {"simulate", p(d, "m.yaml"), "--days", "1", "--out", p(d, "out")}));
        cs.add(c("simulate --out the folder holding the mission", mission(),
                d -> new String[] {"simulate", p(d, "m.yaml"), "--days", "1", "--out", d.toString()}));
        cs.add(c("simulate --out the mission file", mission(),
                d -> new String[] {"simulate", p(d, "m.yaml"), "--days", "1", "--out", p(d, "m.yaml")}));
        cs.add(c("simulate --out a foreign folder even with --force", and(mission(), file("out/data.csv", "1,2")),
                d -> new String[] {"simulate", p(d, "m.yaml"), "--days", "1", "--out", p(d, "out"), "--force"}));
        cs.add(c("simulate --out an earlier output without --force", and(mission(), earlierOutput("out", false)),
                d -> new String[] {"simulate", p(d, "m.yaml"), "--days", "1", "--out", p(d, "out")}));
        cs.add(c("simulate --out an earlier output the user added a file to, with --force", and(mission(), earlierOutput("out", true)),
                d -> new String[] {"simulate", p(d, "m.yaml"), "--days", "1", "--out", p(d, "out"), "--force"}));
        cs.add(c("simulate --out below a file", and(mission(), file("notes.txt", "n")),
                d -> new String[] {"simulate", p(d, "m.yaml"), "--days", "1", "--out", p(d, "notes.txt/report")}));
        cs.add(c("plan --out the mission file", mission(),
                d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1", "--out", p(d, "m.yaml")}));
        cs.add(c("plan --out the mission file with --force", mission(),
                d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1", "--out", p(d, "m.yaml"), "--force"}));
        cs.add(c("plan --out an existing file", and(mission(), file("plan.json", "keep me")),
                d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1", "--out", p(d, "plan.json")}));
        cs.add(c("plan --out a folder", and(mission(), file("sub/x.txt", "x")),
                d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1", "--out", p(d, "sub")}));
        cs.add(c("power --out the mission file", mission(),
                d -> new String[] {"power", p(d, "m.yaml"), "--days", "1", "--out", p(d, "m.yaml")}));
        cs.add(c("soak --summary the mission file", mission(),
                d -> new String[] {"soak", p(d, "m.yaml"), "--days", "1", "--summary", p(d, "m.yaml")}));
        cs.add(c("soak --summary below a file (found before the run)", and(mission(), file("notes.txt", "n")),
                d -> new String[] {"soak", p(d, "m.yaml"), "--days", "1", "--summary", p(d, "notes.txt/s.json")}));
        cs.add(c("soak --summary the fault plan", and(mission(), file("faults.yaml", "reset:\n  per_day: 1\n")),
                d -> new String[] {"soak", p(d, "m.yaml"), "--days", "1", "--faults", p(d, "faults.yaml"), "--summary",
                    p(d, "faults.yaml")}));
        cs.add(c("soak --out a folder holding the user's files", and(mission(), file("out/a.txt", "a")),
                d -> new String[] {"soak", p(d, "m.yaml"), "--days", "1", "--out", p(d, "out")}));
        cs.add(c("experiment drift --out the mission file", mission(),
                d -> new String[] {"experiment", "drift", p(d, "m.yaml"), "--days", "1", "--out", p(d, "m.yaml")}));
        cs.add(c("experiment compression --out the mission file", mission(),
                d -> new String[] {"experiment", "compression", p(d, "m.yaml"), "--out", p(d, "m.yaml")}));
        cs.add(c("review list --out the archive", archiveCopy(),
                d -> new String[] {"review", "list", "--archive", p(d, "a.db"), "--out", p(d, "a.db")}));
        cs.add(c("review report --out the archive", archiveCopy(),
                d -> new String[] {"review", "report", "--archive", p(d, "a.db"), "--out", p(d, "a.db"), "--force"}));
        cs.add(c("review list --out an existing file", and(archiveCopy(), file("list.txt", "mine")),
                d -> new String[] {"review", "list", "--archive", p(d, "a.db"), "--out", p(d, "list.txt")}));
        cs.add(c("review simulate-pass --validation-out the archive", archiveCopy(),
                d -> new String[] {"review", "simulate-pass", "--archive", p(d, "a.db"), "--validation-out", p(d, "a.db")}));
        // ---- options
        cs.add(c("--days abc", mission(), d -> new String[] {"plan", p(d, "m.yaml"), "--days", "abc"}));
        cs.add(c("--days 0", mission(), d -> new String[] {"plan", p(d, "m.yaml"), "--days", "0"}));
        cs.add(c("--format xml", mission(), d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1", "--format", "xml"}));
        cs.add(c("an unknown option", mission(), d -> new String[] {"plan", p(d, "m.yaml"), "--dayz", "1"}));
        cs.add(c("a missing mission argument", mission(), d -> new String[] {"plan"}));
        cs.add(c("soak without --days", mission(), d -> new String[] {"soak", p(d, "m.yaml")}));
        cs.add(c("soak --faults a missing plan", mission(), d -> new String[] {"soak", p(d, "m.yaml"), "--days", "1", "--faults",
            p(d, "nope.yaml")}));
        cs.add(c("experiment drift --optimizer quantum", mission(), d -> new String[] {"experiment", "drift", p(d, "m.yaml"),
            "--optimizer", "quantum"}));
        cs.add(c("power --step-s 0", mission(), d -> new String[] {"power", p(d, "m.yaml"), "--days", "1", "--step-s", "0"}));
        cs.add(c("review approve without --reason", archiveCopy(), d -> new String[] {"review", "approve", "1", "--archive",
            p(d, "a.db")}));
        cs.add(c("review show with a non-numeric id", archiveCopy(), d -> new String[] {"review", "show", "one", "--archive",
            p(d, "a.db")}));
        cs.add(c("review list --format csv", archiveCopy(), d -> new String[] {"review", "list", "--archive", p(d, "a.db"),
            "--format", "csv"}));
        cs.add(c("review aggregate --rule mean", archiveCopy(), d -> new String[] {"review", "aggregate", "--archive", p(d, "a.db"),
            "--rule", "mean"}));
        cs.add(c("review aggregate --cluster on an archive without clusters", archiveCopy(), d -> new String[] {"review", "aggregate",
            "--archive", p(d, "a.db"), "--cluster", "plane-1"}));
        cs.add(c("ground.aggregation.clusters by-plane (not a choice)",
                file("m.yaml", MINIMAL + "\nground:\n  aggregation:\n    clusters: by-plane\n"),
                d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1"}));
        cs.add(c("review approve an id that does not exist", archiveCopy(), d -> new String[] {"review", "approve", "999",
            "--reason", "ok", "--archive", p(d, "a.db")}));
        // ---- archives
        cs.add(c("review list on a 0-byte file", file("a.db", ""), d -> new String[] {"review", "list", "--archive", p(d, "a.db")}));
        cs.add(c("review list on a text file", file("a.db", "not a database\n"),
                d -> new String[] {"review", "list", "--archive", p(d, "a.db")}));
        cs.add(c("review list on a missing archive", mission(), d -> new String[] {"review", "list", "--archive", p(d, "a.db")}));
        cs.add(c("review list on a folder", file("a.db/x", "x"), d -> new String[] {"review", "list", "--archive", p(d, "a.db")}));
        cs.add(c("review simulate-pass on a text file", file("notes.txt", "my notes\n"),
                d -> new String[] {"review", "simulate-pass", "--archive", p(d, "notes.txt")}));
        cs.add(c("review simulate-pass on a 0-byte file", file("empty.db", ""),
                d -> new String[] {"review", "simulate-pass", "--archive", p(d, "empty.db")}));
        // ---- mission files
        cs.add(c("start before 1972", mission("2026-06-21T00:00:00Z", "1960-06-21T00:00:00Z"),
                d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1"}));
        cs.add(c("a negative seed", mission("duration: P7D", "duration: P7D\nseed: -5"),
                d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1"}));
        cs.add(c("an unknown top-level key", mission("duration: P7D", "duraton: P7D"),
                d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1"}));
        cs.add(c("a zero duration", mission("duration: P7D", "duration: PT0S"), d -> new String[] {"plan", p(d, "m.yaml")}));
        cs.add(c("latitude 91", mission("latitude_deg: 78.229", "latitude_deg: 91"),
                d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1"}));
        cs.add(c("min elevation 95", mission("min_elevation_deg: 5", "min_elevation_deg: 95"),
                d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1"}));
        cs.add(c("a TLE with a bad checksum", mission("0  9995", "0  9996"), d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1"}));
        cs.add(c("no mission name", mission("mission: example", "mission: \"\""), d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1"}));
        cs.add(c("an empty mission file", file("m.yaml", ""), d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1"}));
        cs.add(c("a mission file that is not YAML", file("m.yaml", "mission: [unclosed\n  - {\n"),
                d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1"}));
        cs.add(c("a mission file that does not exist", mission(), d -> new String[] {"plan", p(d, "nope.yaml"), "--days", "1"}));
        cs.add(c("a mission file that is a folder", file("m.yaml/x", "x"), d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1"}));
        cs.add(c("a battery with negative capacity", mission("duration: P7D", "duration: P7D\nspacecraft:\n  power:\n    battery:\n"
                + "      capacity_wh: -3"), d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1"}));
        cs.add(c("a station altitude of 20 km", mission("altitude_m: 500", "altitude_m: 20000"),
                d -> new String[] {"plan", p(d, "m.yaml"), "--days", "1"}));
        return cs.stream().map(Arguments::of);
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedInOneLineWithExit2AndEveryUserFileUntouched(Case c) throws IOException {
        c.setup().in(dir);
        Map<String, String> before = hashes(dir);

        CliRun r = CliRun.of(c.args().apply(dir));

        assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err().strip().lines().count()).as(r.err()).isBetween(1L, 3L);
        assertThat(r.err()).as("no stack trace").doesNotContain("\tat ", "Exception", "internal error");
        assertThat(hashes(dir)).as("the user's files after the command").isEqualTo(before);
    }

    /** SHA-256 of every file under {@code root}, by relative path; folders as entries too. */
    static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String key = root.relativize(p).toString();
                m.put(key, Files.isDirectory(p) ? "dir" : sha256(Files.readAllBytes(p)));
            }
        }
        return m;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
