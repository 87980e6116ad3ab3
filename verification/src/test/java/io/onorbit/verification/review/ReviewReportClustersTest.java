package io.onorbit.verification.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onorbit.ground.aggregation.Aggregator;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.archive.DeltaStatus;
import io.onorbit.verification.cli.CliRun;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator reviewing a clustered federation's archive sees one candidate per cluster, each made of its
 * members' approved deltas only (membership as the test assigns it, the deltas as the archive holds them).
 */
class ReviewReportClustersTest {

    @Test
    void aClusteredArchiveHasACandidatePerClusterFromItsMembersDeltas(@TempDir Path dir) {
        Path file = dir.resolve("a.db");
        CliRun r = CliRun.of("review", "simulate-pass", "--archive", file.toString(), "--satellites", "3");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, String> clusters = Map.of("sat-1", "plane-1", "sat-2", "plane-1", "sat-3", "plane-2");
        try (Archive a = Archive.open(file)) {
            a.assignClusters(clusters, Instant.parse("2026-06-21T00:00:00Z"));
            for (DeltaRecord d : a.deltas(DeltaStatus.PENDING)) {
                a.review(d.id(), DeltaStatus.APPROVED, "op", "ok", Instant.parse("2026-06-21T01:00:00Z"));
            }
            Map<String, List<Long>> expected = Map.of("plane-1", new ArrayList<>(), "plane-2", new ArrayList<>());
            for (DeltaRecord d : a.deltas(DeltaStatus.APPROVED)) {
                expected.get(clusters.get(d.satellite())).add(d.id());
            }
            assertThat(expected.values()).allSatisfy(ids -> assertThat(ids).isNotEmpty());

            JsonNode j = ReviewReport.json(a, Aggregator.fedAvg(), Optional.empty());
            assertThat(j.get("candidate").isNull()).isTrue();
            for (Map.Entry<String, List<Long>> e : expected.entrySet()) {
                JsonNode c = j.path("candidates").path(e.getKey());
                assertThat(c.path("parent").asLong()).as("%s builds on the launch model", e.getKey()).isZero();
                List<Long> used = new ArrayList<>();
                c.path("deltas").forEach(n -> used.add(n.asLong()));
                assertThat(used).as("%s's candidate", e.getKey()).containsExactlyInAnyOrderElementsOf(e.getValue());
            }
            String page = ReviewReport.render(a, Aggregator.fedAvg(), Optional.empty(), "t");
            assertThat(page).contains("Candidates, one per cluster", "Cluster plane-1: fedavg over", "Cluster plane-2: fedavg over");
        }
    }
}
