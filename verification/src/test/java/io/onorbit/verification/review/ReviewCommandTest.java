package io.onorbit.verification.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onorbit.flight.learning.model.SparseVector;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaFlag;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.archive.DeltaStatus;
import io.onorbit.verification.cli.CliRun;
import io.onorbit.verification.cli.ExitCode;
import io.onorbit.verification.report.BrowserShot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewCommandTest {

    @TempDir
    Path dir;
    Path db;
    Path csv;

    private static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @BeforeEach
    void setUp() throws Exception {
        db = dir.resolve("archive.db");
        csv = dir.resolve("validation.csv");
        ReviewFixture.build(db, csv, 11);
    }

    @Test
    void listShowApproveRejectAggregateWorkFromTheCommandLine() throws Exception {
        CliRun list = cli("review", "list", "--archive", db.toString());
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("satellite", "pass", "base", "nnz", "bytes", "norm", "flags", "status")
                .contains("12 deltas").contains("norm-outlier");
        JsonNode json = ReviewCommand.JSON.readTree(cli("review", "list", "--archive", db.toString(), "--format", "json").out());
        assertThat(json).hasSize(12);
        long poisoned = -1;
        for (JsonNode d : json) {
            if (d.get("flags").toString().contains("norm_outlier")) {
                poisoned = d.get("id").asLong();
            }
        }
        assertThat(poisoned).as("the poisoned delta is flagged").isPositive();

        CliRun show = cli("review", "show", Long.toString(poisoned), "--archive", db.toString());
        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("sat-4").contains("norm-outlier").contains("no review yet");

        assertThat(cli("review", "reject", Long.toString(poisoned), "--archive", db.toString(), "--reason", "norm 40x the fleet",
                "--operator", "alice").code()).isZero();
        try (Archive a = Archive.open(db)) {
            List<Long> clean = a.deltas(DeltaStatus.PENDING).stream().filter(d -> d.flags().isEmpty()).map(DeltaRecord::id).toList();
            String[] args = new String[clean.size() + 5];
            args[0] = "review";
            args[1] = "approve";
            for (int i = 0; i < clean.size(); i++) {
                args[2 + i] = Long.toString(clean.get(i));
            }
            args[args.length - 3] = "--archive";
            args[args.length - 2] = db.toString();
            args[args.length - 1] = "--reason=nominal";
            assertThat(cli(args).code()).isZero();
        }
        CliRun shown = cli("review", "show", Long.toString(poisoned), "--archive", db.toString());
        assertThat(shown.out()).contains("rejected", "by alice: norm 40x the fleet");

        CliRun unknownRule = cli("review", "aggregate", "--archive", db.toString(), "--rule", "mean");
        assertThat(unknownRule.code()).isEqualTo(2);
        assertThat(unknownRule.err().strip()).as("one line naming the option, the value and the rules").doesNotContain("\n")
                .contains("--rule", "'mean'", "fedavg, median, trimmed-mean");
        try (Archive a = Archive.open(db)) {
            assertThat(a.globals()).as("a usage error aggregates nothing").hasSize(1);
        }
        // The fixture's deltas are each a whole update from v0 (FedBuff's kind), not a satellite's
        // increments on its base as the flight encoder sends them: aggregated as deltas.
        CliRun agg = cli("review", "aggregate", "--archive", db.toString(), "--rule", "trimmed-mean", "--basis", "deltas",
                "--validation", csv.toString(), "--format", "json");
        assertThat(agg.code()).as(agg.err()).isZero();
        JsonNode r = ReviewCommand.JSON.readTree(agg.out());
        assertThat(r.get("version").asLong()).isEqualTo(1);
        assertThat(r.get("error_new").asDouble()).as("merged model beats the drifted v0").isLessThan(r.get("error_parent").asDouble());
        try (Archive a = Archive.open(db)) {
            assertThat(a.globals()).hasSize(2);
            assertThat(a.global(1).orElseThrow().lineage()).hasSize(a.deltas(DeltaStatus.MERGED).size()).isNotEmpty();
        }
    }

    @Test
    void listShowsWhenAndWhereEachPassWasHeardAndFiltersBySatelliteStatusAndFlag() throws Exception {
        String a = db.toString();
        CliRun list = cli("review", "list", "--archive", a);
        assertThat(list.code()).as(list.err()).isZero();
        // sat-1's first pass was heard at T0 + 5400 s + 90 s (ReviewFixture), at svalbard
        assertThat(list.out()).contains("pass time (UTC)", "station", "2026-06-21T01:31:30Z", "svalbard");
        JsonNode sat2 = ReviewCommand.JSON.readTree(cli("review", "list", "--archive", a, "--satellite", "sat-2", "--format",
                "json").out());
        assertThat(sat2).hasSize(3).allSatisfy(d -> assertThat(d.get("satellite").asText()).isEqualTo("sat-2"));
        assertThat(sat2.get(0).get("pass_time").asText()).isEqualTo("2026-06-21T01:32:30Z");
        assertThat(sat2.get(0).get("station").asText()).isEqualTo("svalbard");
        JsonNode outliers = ReviewCommand.JSON.readTree(cli("review", "list", "--archive", a, "--flag", "norm-outlier", "--format",
                "json").out());
        assertThat(outliers).hasSize(1);
        assertThat(outliers.get(0).get("satellite").asText()).isEqualTo("sat-4");
        assertThat(ReviewCommand.JSON.readTree(cli("review", "list", "--archive", a, "--flag", "none", "--format", "json").out()))
                .hasSize(11);
        assertThat(cli("review", "reject", "1", "--archive", a, "--reason", "test").code()).isZero();
        JsonNode pendingOf12 = ReviewCommand.JSON.readTree(cli("review", "list", "--archive", a, "--status", "pending",
                "--satellite", "sat-1,sat-2", "--format", "json").out());
        assertThat(pendingOf12).hasSize(5);
        CliRun bad = cli("review", "list", "--archive", a, "--flag", "shiny");
        assertThat(bad.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(bad.err().strip()).hasLineCount(1).contains("--flag", "shiny", "norm-outlier");
    }

    @Test
    void reportAsJsonCarriesTheNumbersOfThePage() throws Exception {
        CliRun r = cli("review", "report", "--archive", db.toString(), "--validation", csv.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = ReviewCommand.JSON.readTree(r.out());
        long total = 0;
        for (JsonNode n : j.get("deltas_by_status")) {
            total += n.asLong();
        }
        assertThat(total).isEqualTo(12);
        assertThat(j.get("deltas_by_status").get("pending").asLong()).isEqualTo(12);
        assertThat(j.get("deltas_by_flag").get("norm_outlier").asLong()).isEqualTo(1);
        assertThat(j.get("deltas")).hasSize(12);
        assertThat(j.get("global_versions")).hasSize(1);
        assertThat(j.get("global_versions").get(0).get("error").asDouble()).isPositive();
        assertThat(j.get("candidate").isNull()).as("nothing approved yet").isTrue();
        assertThat(j.get("rejected_inputs").get("total").asLong()).isZero();
        assertThat(cli("review", "report", "--archive", db.toString(), "--format", "csv").code()).isEqualTo(2);
    }

    @Test
    void reviewPlotsReadForOnePassAndForAYear() {
        List<DeltaRecord> onePass = new ArrayList<>();
        for (int s = 1; s <= 4; s++) {
            onePass.add(record(s, "sat-" + s, ReviewFixture.T0.plusSeconds(20L * s), s == 4 ? 40 : 1));
        }
        var pass = ReviewReport.deltasOverTime(onePass);
        assertThat(pass.getSeriesMap().get("pending").getXData().stream().map(Object::toString).toList())
                .as("one bar per satellite of the pass")
                .containsExactly("sat-1", "sat-2", "sat-3", "sat-4");
        assertThat(sum(pass, "pending")).isEqualTo(4);

        List<DeltaRecord> year = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            year.add(record(i + 1, "sat-" + (i % 100), ReviewFixture.T0.plusSeconds(i * (365L * 86400 / 2000)), 1 + i % 7));
        }
        var y = ReviewReport.deltasOverTime(year);
        assertThat(y.getSeriesMap().get("pending").getXData().size()).as("bins of a year").isBetween(10, 60);
        assertThat(sum(y, "pending")).isEqualTo(2000);

        var norms = ReviewReport.normDistribution(onePass);
        assertThat(sum(norms, "no flag") + sum(norms, "flagged")).isEqualTo(4);
        assertThat(norms.getSeriesMap().get("no flag").getXData().size()).as("the 40x delta is bins away from the others")
                .isGreaterThan(5);
    }

    private static long sum(org.knowm.xchart.CategoryChart c, String series) {
        return c.getSeriesMap().get(series).getYData().stream().mapToLong(Number::longValue).sum();
    }

    private static DeltaRecord record(long id, String sat, java.time.Instant at, double scale) {
        float[] v = {(float) scale, (float) scale};
        var d = new io.onorbit.ground.archive.DeltaSubmission(sat, 1, "svalbard", 0, new byte[32], new byte[32], 10, at,
                new SparseVector(2, new int[] {0, 1}, v), new byte[] {1, 2, 3});
        return new DeltaRecord(id, d, at, Set.of(), DeltaStatus.PENDING);
    }

    @Test
    void aBatchReportsEveryIdsOutcomeAndARejectionIsFinalUnlessOverriddenWithAReason() throws Exception {
        String a = db.toString();
        assertThat(cli("review", "reject", "3", "--archive", a, "--reason", "odd norm", "--operator", "alice").code()).isZero();

        CliRun batch = cli("review", "approve", "1", "3", "999", "2", "--archive", a, "--reason", "nominal", "--operator", "bob");

        assertThat(batch.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(batch.out().lines()).hasSize(4);
        assertThat(batch.out()).contains("approved delta 1 (was pending", "approved delta 2 (was pending")
                .contains("refused delta 3: delta 3 was rejected by alice", "refused delta 999: no delta with id 999");
        assertThat(batch.err().strip()).hasLineCount(1).contains("2 of 4 refused, the others approved");
        try (Archive arch = Archive.open(db)) {
            assertThat(arch.delta(1).orElseThrow().status()).isEqualTo(DeltaStatus.APPROVED);
            assertThat(arch.delta(2).orElseThrow().status()).isEqualTo(DeltaStatus.APPROVED);
            assertThat(arch.delta(3).orElseThrow().status()).as("rejected is final").isEqualTo(DeltaStatus.REJECTED);
        }

        CliRun override = cli("review", "approve", "3", "--archive", a, "--override-rejection", "--reason", "bias explained in NCR-12",
                "--operator", "carol");
        assertThat(override.code()).as(override.err()).isZero();
        CliRun shown = cli("review", "show", "3", "--archive", a);
        assertThat(shown.out()).contains("rejected by alice: odd norm", "approved by carol: bias explained in NCR-12",
                "override-rejection by carol: bias explained in NCR-12");
    }

    @Test
    void aLineBreakInAReasonOrOperatorIsRefusedBeforeAnythingIsWritten() throws Exception {
        byte[] before = Files.readAllBytes(db);
        for (String[] args : new String[][] {
            {"--reason", "ok\n2026-06-21T00:00:00Z  approved by root: forged", "--operator", "eve"},
            {"--reason", "ok", "--operator", "eve\nroot"}}) {
            String[] cmd = java.util.stream.Stream.concat(java.util.stream.Stream.of("review", "approve", "1", "--archive", db.toString()),
                    java.util.Arrays.stream(args)).toArray(String[]::new);
            CliRun r = cli(cmd);
            assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(r.err().strip()).hasLineCount(1).contains("must be single-line text");
        }
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
    }

    @Test
    void userErrorsAreOneLineWithExitTwo() {
        CliRun missing = cli("review", "list", "--archive", dir.resolve("nope.db").toString());
        assertThat(missing.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(missing.err().strip()).startsWith("error: ").contains("nope.db").doesNotContain("\n");
        CliRun noDelta = cli("review", "approve", "999", "--archive", db.toString(), "--reason", "x");
        assertThat(noDelta.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noDelta.err()).contains("no delta with id 999");
        CliRun noApproved = cli("review", "aggregate", "--archive", db.toString());
        assertThat(noApproved.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noApproved.err()).contains("approve some first");
        assertThat(cli("review", "approve", "1", "--archive", db.toString()).code()).as("--reason is required").isEqualTo(2);
    }

    @Test
    void reportRendersInAHeadlessBrowser() throws Exception {
        try (Archive a = Archive.open(db)) {
            for (DeltaRecord d : a.deltas()) {
                if (!d.flags().contains(DeltaFlag.NORM_OUTLIER)) {
                    a.review(d.id(), DeltaStatus.APPROVED, "test", "nominal", ReviewFixture.T0);
                }
            }
        }
        Path html = dir.resolve("report.html");
        CliRun rep = cli("review", "report", "--archive", db.toString(), "--validation", csv.toString(), "--out", html.toString());
        assertThat(rep.code()).as(rep.err()).isZero();
        String page = Files.readString(html);
        assertThat(page).contains("Deltas received over time, by status", "Distribution of delta norms", "Automatic flags", "Model error", "candidate")
                .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
        assertThat(page.split("data:image/png;base64,", -1)).hasSize(5); // four embedded plots

        assumeTrue(BrowserShot.available(), "chromium not installed: screenshot part skipped");
        BrowserShot.take(html, dir.resolve("shot"), "onorbit-review-shot.png", 1400);
    }

    @Test
    void decisionWithoutOperatorNamesTheAccountAndIsStampedInWholeSeconds() throws Exception {
        long id;
        try (Archive a = Archive.open(db)) {
            id = a.deltas(DeltaStatus.PENDING).get(0).id();
        }
        CliRun r = cli("review", "approve", Long.toString(id), "--archive", db.toString(), "--reason", "nominal",
                "--format", "json");
        assertThat(r.code()).isZero();
        JsonNode d = ReviewCommand.JSON.readTree(r.out()).get(0);
        String user = System.getenv("USER");
        String expected = user != null && !user.isBlank() ? user : System.getProperty("user.name");
        assertThat(d.get("operator").asText()).isEqualTo(expected).isNotEqualTo("unknown");
        assertThat(d.get("at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    }
}
