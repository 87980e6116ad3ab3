package io.onorbit.verification.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.delta.DeltaCodec;
import io.onorbit.flight.delta.ScaleMode;
import io.onorbit.flight.delta.TensorLayout;
import io.onorbit.flight.delta.WeightDelta;
import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.learning.model.SparseVector;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaSubmission;
import io.onorbit.ground.archive.RejectEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit reads what the ground's own connection committed, and reports nothing new when nobody committed. */
class ArchiveAuditTest {

    private static final Instant T0 = Instant.parse("2026-06-21T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void everyCommitOfTheGroundIsSeenAndNothingElse() {
        Path file = dir.resolve("archive.db");
        float[] launch = new float[20];
        try (Archive ground = Archive.open(file)) {
            ground.recordGlobalVersion(launch, "launch", List.of(), T0);
            try (ArchiveAudit audit = new ArchiveAudit(file, List.of("sat-1", "sat-2"))) {
                assertNothingNew(audit.read(3600), 3600);
                assertNothingNew(audit.read(7200), 7200);

                ground.storeDelta(submission("sat-1", 41, launch), Set.of(), T0.plusSeconds(7300));
                Map<String, GroundRecord> held = audit.read(10800);
                assertThat(held.get("sat-1").archivedIds()).as("the id decoded from the archived bytes").containsExactly(41);
                assertThat(held.get("sat-2").archivedIds()).isEmpty();
                assertNothingNew(audit.read(14400), 14400);

                // a commit that adds nothing the audit reports: the next read reads, and finds nothing new
                ground.recordReject(new RejectEntry(T0, "sat-2", "unauthenticated", "test", 10));
                assertNothingNew(audit.read(18000), 18000);

                ground.recordGlobalVersion(launch, "fedavg", List.of(), T0.plusSeconds(18100));
                ground.recordUplink("sat-2", 1, 0, 1, 300, T0.plusSeconds(18200));
                ground.storeDelta(submission("sat-2", 7, launch), Set.of(), T0.plusSeconds(18300));
                held = audit.read(21600);
                assertThat(held.get("sat-2").archivedIds()).containsExactly(7);
                assertThat(held.get("sat-2").signed()).singleElement().satisfies(u -> assertThat(u.counter()).isEqualTo(1));
                assertThat(held.get("sat-1").signed()).isEmpty();
                assertThat(held.get("sat-1").published()).singleElement()
                        .isEqualTo(ModelVersion.of(1, launch));
                assertNothingNew(audit.read(25200), 25200);
                assertThat(audit.archived()).isEqualTo(2);
                assertThat(audit.published()).isEqualTo(1);
            }
        }
    }

    private static void assertNothingNew(Map<String, GroundRecord> held, double atS) {
        assertThat(held.keySet()).containsExactly("sat-1", "sat-2");
        held.values().forEach(r -> {
            assertThat(r.trueTimeS()).isEqualTo(atS);
            assertThat(r.archivedIds()).isEmpty();
            assertThat(r.signed()).isEmpty();
            assertThat(r.published()).isEmpty();
        });
    }

    /** A real encoded delta with this sequence number, as the ground archives it. */
    private static DeltaSubmission submission(String satellite, long sequence, float[] base) {
        ModelVersion bv = ModelVersion.of(0, base);
        WeightDelta d = new WeightDelta(satellite, sequence, bv, 5, T0, TensorLayout.single(base.length), 2,
                ScaleMode.PER_DELTA, new float[] {1.0f}, new int[] {3, 4, 19}, new int[] {1, -1, 0});
        byte[] encoded = DeltaCodec.encode(d);
        byte[] digest = com.google.common.hash.Hashing.sha256().hashBytes(encoded).asBytes();
        return new DeltaSubmission(satellite, 1, "svalbard", 0, bv.digest(), digest, 5, T0,
                new SparseVector(base.length, new int[] {3, 4, 19}, new float[] {1, -1, 0}), encoded);
    }
}
