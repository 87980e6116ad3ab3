package io.onorbit.verification.bench;

import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.archive.DeltaStatus;
import io.onorbit.ground.archive.ReviewEntry;
import io.onorbit.verification.launcher.OnOrbitCli;
import io.onorbit.verification.report.AtomicOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Two operators at once (issue 12, "Done when"): per trial, two {@code onorbit review approve}
 * processes start together on one fresh copy of an archive; each approves its own half of the
 * pending deltas (each id its own transaction, so their writes interleave) and both approve one
 * shared delta. A trial passes if both exit 0 and the archive holds every decision: every delta
 * approved, one audit entry per decision (two on the shared delta, one from each operator).
 * Baseline in the same run: one process deciding both halves alone, so the contention cost is a ratio.
 *
 * <p>Run: {@code java -cp "verification/target/classes:verification/target/lib/*"
 * io.onorbit.verification.bench.ReviewConcurrencyBenchmark [trials]} after {@code ./onorbit --help}.
 * Exit code 1 if any trial failed or lost a decision.
 */
public final class ReviewConcurrencyBenchmark {

    private ReviewConcurrencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path work = Files.createTempDirectory("onorbit-review-bench-");
        try {
            Path template = work.resolve("template.db");
            int code = OnOrbitCli.commandLine().execute("review", "simulate-pass", "--archive", template.toString(),
                    "--satellites", "24", "--poisoned", "0", "--format", "json", "--out", work.resolve("pass.json").toString());
            if (code != 0) {
                throw new IllegalStateException("could not build the template archive (exit " + code + ")");
            }
            List<Long> pending = new ArrayList<>();
            try (Archive a = Archive.open(template)) {
                a.deltas(DeltaStatus.PENDING).forEach(d -> pending.add(d.id()));
            }
            long shared = pending.remove(pending.size() - 1);
            List<Long> mine = new ArrayList<>();
            List<Long> theirs = new ArrayList<>();
            for (int k = 0; k < pending.size(); k++) {
                (k % 2 == 0 ? mine : theirs).add(pending.get(k));
            }
            mine.add(shared);
            theirs.add(shared);
            System.out.printf(Locale.ROOT, "archive: %d pending deltas; operator A approves %d, B approves %d, both approve delta %d%n",
                    pending.size() + 1, mine.size(), theirs.size(), shared);

            // Baseline: one process, the same decisions, no contention.
            double baseS = 0;
            int baseRuns = 5;
            for (int k = 0; k < baseRuns; k++) {
                Path db = fresh(template, work, "base-" + k);
                List<Long> all = new ArrayList<>(mine);
                all.addAll(theirs.subList(0, theirs.size() - 1));
                long t0 = System.nanoTime();
                Process p = approve(db, "solo", all, work);
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("baseline run failed: " + Files.readString(work.resolve("solo.err")));
                }
                baseS += (System.nanoTime() - t0) / 1e9;
            }
            baseS /= baseRuns;

            int failed = 0;
            int lost = 0;
            double sumS = 0;
            double maxS = 0;
            for (int trial = 0; trial < trials; trial++) {
                Path db = fresh(template, work, "t-" + trial);
                long t0 = System.nanoTime();
                Process a = approve(db, "op-a", mine, work);
                Process b = approve(db, "op-b", theirs, work);
                boolean doneA = a.waitFor(120, TimeUnit.SECONDS);
                boolean doneB = b.waitFor(120, TimeUnit.SECONDS);
                double s = (System.nanoTime() - t0) / 1e9;
                sumS += s;
                maxS = Math.max(maxS, s);
                if (!doneA || !doneB || a.exitValue() != 0 || b.exitValue() != 0) {
                    failed++;
                    a.destroyForcibly();
                    b.destroyForcibly();
                    System.out.printf(Locale.ROOT, "trial %d FAILED: A exit %s (%s), B exit %s (%s)%n", trial,
                            doneA ? a.exitValue() : "timeout", firstLine(work.resolve("op-a.err")),
                            doneB ? b.exitValue() : "timeout", firstLine(work.resolve("op-b.err")));
                }
                int missing = missingDecisions(db, mine, theirs, shared);
                if (missing > 0) {
                    lost++;
                    System.out.printf(Locale.ROOT, "trial %d LOST %d decision(s)%n", trial, missing);
                }
                AtomicOutput.deleteTree(db.getParent());
            }
            System.out.printf(Locale.ROOT, "%d trials of two concurrent `review approve` processes: %d failed, %d lost a decision%n",
                    trials, failed, lost);
            System.out.printf(Locale.ROOT, "wall per trial: mean %.2f s, max %.2f s; one process alone: %.2f s; ratio %.2f%n",
                    sumS / trials, maxS, baseS, sumS / trials / baseS);
            if (failed > 0 || lost > 0) {
                System.exit(1);
            }
        } finally {
            AtomicOutput.deleteTree(work);
        }
    }

    private static Path fresh(Path template, Path work, String name) throws IOException {
        Path dir = Files.createDirectory(work.resolve(name));
        return Files.copy(template, dir.resolve("archive.db"), StandardCopyOption.COPY_ATTRIBUTES);
    }

    private static Process approve(Path db, String operator, List<Long> ids, Path work) throws IOException {
        List<String> cmd = new ArrayList<>(Arrays.asList(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OnOrbitCli.class.getName(), "review", "approve"));
        ids.forEach(id -> cmd.add(Long.toString(id)));
        cmd.addAll(List.of("--archive", db.toString(), "--operator", operator, "--reason", "concurrency trial"));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(work.resolve(operator + ".err").toFile()).start();
    }

    /** @return how many of the expected decisions the archive does not hold */
    private static int missingDecisions(Path db, List<Long> mine, List<Long> theirs, long shared) {
        try (Archive a = Archive.open(db)) {
            int missing = 0;
            for (DeltaRecord d : a.deltas()) {
                if (d.status() != DeltaStatus.APPROVED) {
                    missing++;
                }
            }
            List<ReviewEntry> trail = a.reviews();
            for (long id : mine) {
                missing += trail.stream().anyMatch(r -> r.deltaId() == id && r.operator().equals("op-a")) ? 0 : 1;
            }
            for (long id : theirs) {
                missing += trail.stream().anyMatch(r -> r.deltaId() == id && r.operator().equals("op-b")) ? 0 : 1;
            }
            missing += trail.size() == mine.size() + theirs.size() ? 0 : Math.abs(mine.size() + theirs.size() - trail.size());
            return missing + (a.delta(shared).isPresent() ? 0 : 1);
        }
    }

    private static String firstLine(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        } catch (IOException e) {
            return "?";
        }
    }
}
