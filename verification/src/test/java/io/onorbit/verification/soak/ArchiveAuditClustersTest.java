package io.onorbit.verification.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.Attribution;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a clustered federation a satellite is told of its own chain's versions only (the archive's record of
 * each version's cluster), and a version of another chain installed on it is caught, even one the ground
 * signed for it.
 */
class ArchiveAuditClustersTest {

    private static final Instant T0 = Instant.parse("2026-06-21T00:00:00Z");
    private static final float[] LAUNCH = {1f, 2f, 3f};
    private static final float[] PLANE_1 = {1f, 2f, 4f};
    private static final float[] PLANE_2 = {1f, 5f, 3f};

    private static void version(Archive a, float[] params, String cluster) {
        a.recordGlobalVersion(params, "fedavg", List.of(), Optional.empty(), new Attribution(Archive.AUTOMATIC_OPERATOR, "", T0),
                List.of(), Optional.of(cluster));
    }

    @Test
    void eachSatelliteIsToldOfItsChainsVersionsAndAnotherChainsVersionInstalledFires(@TempDir Path dir) {
        Path file = dir.resolve("archive.db");
        try (Archive ground = Archive.open(file)) {
            ground.recordGlobalVersion(LAUNCH, "launch", List.of(), T0);
            ground.assignClusters(Map.of("a-1", "plane-1", "b-1", "plane-2"), T0);
            try (ArchiveAudit audit = new ArchiveAudit(file, List.of("a-1", "b-1"))) {
                version(ground, PLANE_1, "plane-1"); // v1
                version(ground, PLANE_2, "plane-2"); // v2
                // A ground fault injected: a-1 is signed an update to plane-2's version.
                ground.recordUplink("a-1", 1, 0, 2, 100, T0);
                Map<String, GroundRecord> read = audit.read(3600);
                assertThat(read.get("a-1").published()).extracting(ModelVersion::version).containsExactly(1L);
                assertThat(read.get("b-1").published()).extracting(ModelVersion::version).containsExactly(2L);
                assertThat(audit.published()).as("both versions counted once").isEqualTo(2);

                Invariants.GenuineCommandsOnly inv = new Invariants.GenuineCommandsOnly();
                StepStates s = new StepStates();
                s.applied = List.of(new StepState.AppliedUpdate(1, 2, PLANE_2.clone()));
                assertThat(inv.check(s.build())).isEmpty();
                assertThat(inv.groundSynced(read.get("a-1")).orElseThrow()).contains("never published").contains("chain");
            }
        }
    }

    @Test
    void withoutClustersEverySatelliteIsToldOfEveryVersion(@TempDir Path dir) {
        Path file = dir.resolve("archive.db");
        try (Archive ground = Archive.open(file)) {
            ground.recordGlobalVersion(LAUNCH, "launch", List.of(), T0);
            try (ArchiveAudit audit = new ArchiveAudit(file, List.of("a-1", "b-1"))) {
                ground.recordGlobalVersion(PLANE_1, "fedavg", List.of(), T0);
                ground.recordUplink("a-1", 1, 0, 1, 100, T0);
                Map<String, GroundRecord> read = audit.read(3600);
                assertThat(read.get("a-1").published()).extracting(ModelVersion::version).containsExactly(1L);
                assertThat(read.get("b-1").published()).extracting(ModelVersion::version).containsExactly(1L);
                Invariants.GenuineCommandsOnly inv = new Invariants.GenuineCommandsOnly();
                StepStates s = new StepStates();
                s.applied = List.of(new StepState.AppliedUpdate(1, 1, PLANE_1.clone()));
                inv.check(s.build());
                assertThat(inv.groundSynced(read.get("a-1"))).isEmpty();
            }
        }
    }
}
