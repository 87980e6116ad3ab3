package io.onorbit.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.archive.GlobalVersion;
import io.onorbit.ground.archive.UplinkRecord;
import io.onorbit.verification.cli.MissionSetups;
import io.onorbit.verification.cli.RunSupport;
import io.onorbit.verification.soak.FaultPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closed loop of a clustered federation (the default, a cluster per orbital plane), checked against the
 * mission file's geometry and the ground archive, not against the ground's own view of itself: a Walker of
 * two planes of three (nodes 180 deg apart) and one satellite alone in a sun-synchronous plane.
 */
class ClusteredFederationTest {

    @TempDir
    static Path tmp;
    private static Path out;

    private static final String MISSION = """
            mission: two-planes-and-one
            start: 2026-06-21T00:00:00Z
            duration: PT12H
            seed: 5
            satellites:
              - name: leo
                altitude_km: 500
                inclination_deg: 45
                raan_deg: 0
                true_anomaly_deg: 0
                walker: {total: 6, planes: 2, phasing: 1}
              - name: sso-1
                altitude_km: 600
                inclination_deg: 97.8
                raan_deg: 60
                true_anomaly_deg: 0
            """ + io.onorbit.verification.bench.WalkerMissions.THREE_STATIONS;

    @BeforeAll
    static void run() throws Exception {
        Path file = tmp.resolve("m.yaml");
        Files.writeString(file, MISSION);
        out = tmp.resolve("out");
        MissionSetup setup = MissionSetups.load(file, null);
        RunSupport.run(setup, setup.seed(), FaultPlan.none(), out, (done, total) -> { });
    }

    /** The planes from the file: a Walker 6/2/1 puts leo-1..3 at node 0 deg and leo-4..6 at node 180 deg. */
    private static final Map<String, String> PLANES = Map.of("leo-1", "plane-1", "leo-2", "plane-1", "leo-3", "plane-1",
            "leo-4", "plane-2", "leo-5", "plane-2", "leo-6", "plane-2", "sso-1", "unpaired");

    @Test
    void eachVersionIsMadeFromItsClustersDeltasAndSentOnlyToItsMembers() {
        try (Archive a = Archive.openExisting(out.resolve("archive.db"), Archive.Access.READ_ONLY)) {
            assertThat(a.clusterMembers()).isEqualTo(PLANES);
            Map<Long, Optional<String>> chainOf = new HashMap<>();
            Map<String, Integer> versionsByCluster = new HashMap<>();
            for (GlobalVersion g : a.globals()) {
                Optional<String> c = a.clusterOfVersion(g.version());
                chainOf.put(g.version(), c);
                if (g.parentVersion() >= 0) {
                    Optional<String> parentChain = chainOf.get(g.parentVersion());
                    assertThat(parentChain.isEmpty() || parentChain.equals(c))
                            .as("v%d of %s extends its own chain or the launch model, not v%d of %s", g.version(), c, g.parentVersion(), parentChain)
                            .isTrue();
                }
                c.ifPresent(name -> versionsByCluster.merge(name, 1, Integer::sum));
                for (GlobalVersion.LineageEntry e : g.lineage()) {
                    DeltaRecord d = a.delta(e.deltaId()).orElseThrow();
                    assertThat(Optional.ofNullable(PLANES.get(d.satellite()))).as("delta %d of %s in v%d", d.id(), d.satellite(), g.version())
                            .isEqualTo(c);
                }
            }
            assertThat(versionsByCluster).as("every cluster learned").containsOnlyKeys("plane-1", "plane-2", "unpaired")
                    .allSatisfy((k, n) -> assertThat(n).isPositive());
            for (String s : PLANES.keySet()) {
                List<UplinkRecord> ups = a.uplinks(s, 0);
                assertThat(ups).as("%s was sent updates", s).isNotEmpty();
                for (UplinkRecord u : ups) {
                    assertThat(chainOf.get(u.toVersion())).as("%s sent v%d", s, u.toVersion()).contains(PLANES.get(s));
                }
            }
        }
    }

    @Test
    void theSummaryNamesTheClustersAndNoDeltaIsRejectedForStalenessAlone() throws Exception {
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode clusters = summary.path("updates").path("clusters");
        assertThat(clusters.path("plane-1")).extracting(JsonNode::asText).containsExactlyInAnyOrder("leo-1", "leo-2", "leo-3");
        assertThat(clusters.path("plane-2")).extracting(JsonNode::asText).containsExactlyInAnyOrder("leo-4", "leo-5", "leo-6");
        assertThat(clusters.path("unpaired")).extracting(JsonNode::asText).containsExactly("sso-1");
        assertThat(summary.path("deltas").path("lost").asLong()).isZero();
        summary.path("deltas").path("rejected_in_review_by_flags").fieldNames()
                .forEachRemaining(flags -> assertThat(flags).isNotEqualTo("stale-base"));
    }
}
