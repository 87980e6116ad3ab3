package io.onorbit.verification.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onorbit.verification.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "done when": ingest, review and aggregation over simulated passes, from the command line, on a fresh archive. */
class SimulatedPassFlowTest {

    @TempDir
    Path dir;

    private String ok(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r.out();
    }

    /** Rejects flagged pending deltas, approves the rest (one command each); returns the rejected satellites. */
    private List<String> review(String db) throws Exception {
        List<String> rejected = new ArrayList<>();
        List<String> approve = new ArrayList<>(List.of("review", "approve"));
        List<String> reject = new ArrayList<>(List.of("review", "reject"));
        for (JsonNode d : ReviewCommand.JSON.readTree(ok("review", "list", "--archive", db, "--status", "pending", "--format", "json"))) {
            boolean flagged = d.get("flags").size() > 0;
            (flagged ? reject : approve).add(d.get("id").asText());
            if (flagged) {
                rejected.add(d.get("satellite").asText());
            }
        }
        for (List<String> cmd : List.of(approve, reject)) {
            if (cmd.size() > 2) {
                cmd.addAll(List.of("--archive", db, "--reason", cmd == approve ? "nominal" : "flagged", "--operator", "ops"));
                ok(cmd.toArray(String[]::new));
            }
        }
        return rejected;
    }

    @Test
    void twoPassesThroughTheRealLinkAreIngestedReviewedAndMerged() throws Exception {
        String db = dir.resolve("archive.db").toString();
        String csv = dir.resolve("validation.csv").toString();
        JsonNode p1 = ReviewCommand.JSON.readTree(ok("review", "simulate-pass", "--archive", db, "--satellites", "6",
                "--poisoned", "1", "--validation-out", csv, "--format", "json"));
        assertThat(p1.get("results").get("stored").asInt()).isEqualTo(6);
        assertThat(p1.get("reject_reasons").get("bad-check").asInt()).as("one bit error per satellite").isEqualTo(6);
        assertThat(review(db)).as("the poisoned sender is flagged by the MAD rule").containsExactly("sat-1");
        JsonNode a1 = ReviewCommand.JSON.readTree(ok("review", "aggregate", "--archive", db, "--validation", csv, "--format", "json"));
        assertThat(a1.get("error_new").asDouble()).isLessThan(0.5 * a1.get("error_parent").asDouble());
        assertThat(a1.get("deltas")).hasSize(5);

        String second = ok("review", "simulate-pass", "--archive", db, "--satellites", "6", "--poisoned", "1");
        // In plain words: when, where, what was archived and why packets were refused.
        assertThat(second).contains("pass 2 over svalbard at 2026-06-21T03:10:00Z", "6 deltas complete and archived",
                "6 x a packet failed its integrity check (bit errors on the link) (bad-check)").doesNotContain("STORED", "{");
        assertThat(review(db)).as("flagged again against its own round").containsExactly("sat-1");
        // Near the noise floor (0.25) the second round scores slightly worse: refused, nothing stored...
        CliRun refused = CliRun.of("review", "aggregate", "--archive", db, "--rule", "median", "--validation", csv);
        assertThat(refused.code()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("v2 would be worse than v1", "nothing stored").hasLineCount(1);
        assertThat(ReviewCommand.JSON.readTree(ok("review", "list", "--archive", db, "--status", "merged", "--format", "json")))
                .hasSize(5);
        // ...unless an operator accepts it with a reason, which is recorded.
        JsonNode a2 = ReviewCommand.JSON.readTree(ok("review", "aggregate", "--archive", db, "--rule", "median",
                "--validation", csv, "--format", "json", "--accept-worse", "--reason", "noise floor reached", "--operator", "ops"));
        assertThat(a2.get("version").asInt()).isEqualTo(2);
        assertThat(a2.get("worse").asBoolean()).isTrue();
        assertThat(a2.get("operator").asText()).isEqualTo("ops");
        // near the noise floor (0.25) a second round changes little; it must not get materially worse
        assertThat(a2.get("error_new").asDouble()).isLessThan(1.10 * a2.get("error_parent").asDouble());

        Path html = dir.resolve("report.html");
        ok("review", "report", "--archive", db, "--validation", csv, "--out", html.toString());
        assertThat(Files.readString(html)).contains("v2", "Audit trail", "ops");
    }
}
