package io.onorbit.ground.aggregation;

import static io.onorbit.ground.archive.ArchiveFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.ArchiveFixtures;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.archive.DeltaStatus;
import io.onorbit.ground.archive.GlobalVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregationRunTest {

    @Test
    void approvedDeltasOnTheCurrentBaseBecomeTheNextVersionWithLineage(@TempDir Path dir) {
        float[] base = {1, 2, 3, 4, 5, 6, 7, 8};
        try (Archive a = Archive.open(dir.resolve("a.db"))) {
            a.recordGlobalVersion(base, "initial", List.of(), T0);
            long d1 = a.storeDelta(ArchiveFixtures.delta("sat-1", 1, 1, base, 0), Set.of(), T0).orElseThrow();
            long d2 = a.storeDelta(ArchiveFixtures.delta("sat-2", 1, 2, base, 0), Set.of(), T0).orElseThrow();
            long d3 = a.storeDelta(ArchiveFixtures.delta("sat-3", 1, 3, base, 0), Set.of(), T0).orElseThrow();
            long stale = a.storeDelta(ArchiveFixtures.delta("sat-4", 1, 4, base, 7), Set.of(), T0).orElseThrow();
            for (long id : new long[] {d1, d2, stale}) {
                a.review(id, DeltaStatus.APPROVED, "op", "ok", T0);
            }
            a.review(d3, DeltaStatus.REJECTED, "op", "no", T0);

            GlobalVersion v1 = AggregationRun.run(a, Aggregator.fedAvg(), T0.plusSeconds(10)).orElseThrow();
            DeltaRecord r1 = a.delta(d1).orElseThrow();
            DeltaRecord r2 = a.delta(d2).orElseThrow();
            float[] p = v1.params();
            for (int i = 0; i < base.length; i++) {
                double expected = base[i] + (r1.dense()[i] * r1.sampleCount() + r2.dense()[i] * r2.sampleCount())
                        / (double) (r1.sampleCount() + r2.sampleCount());
                assertThat((double) p[i]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThat(v1.version()).isEqualTo(1);
            assertThat(v1.rule()).isEqualTo("fedavg");
            assertThat(v1.lineage()).extracting(GlobalVersion.LineageEntry::deltaId).containsExactly(d1, d2);
            assertThat(r1.status()).isEqualTo(DeltaStatus.MERGED);
            assertThat(a.delta(stale).orElseThrow().status()).as("a base the ground never made: cannot be applied").isEqualTo(DeltaStatus.APPROVED);
            assertThat(AggregationRun.run(a, Aggregator.median(), T0)).as("nothing applicable left").isEmpty();
        }
    }

    @Test
    void aPersonalisedFederationAggregatesOnlyTheSharedBodyAndKeepsTheParentsHead(@TempDir Path dir) {
        float[] base = {1, 2, 3, 4, 5, 6, 7, 8};
        int shared = 3; // coordinates 3..7: each satellite's head (FedPer)
        try (Archive a = Archive.open(dir.resolve("a.db"))) {
            a.recordGlobalVersion(base, "initial", List.of(), T0);
            long d1 = a.storeDelta(ArchiveFixtures.delta("sat-1", 1, 1, base, 0), Set.of(), T0).orElseThrow();
            long d2 = a.storeDelta(ArchiveFixtures.delta("sat-2", 1, 2, base, 0), Set.of(), T0).orElseThrow();
            a.review(d1, DeltaStatus.APPROVED, "op", "ok", T0);
            a.review(d2, DeltaStatus.APPROVED, "op", "ok", T0);
            DeltaRecord r1 = a.delta(d1).orElseThrow();
            DeltaRecord r2 = a.delta(d2).orElseThrow();
            assertThat(r1.dense()[4]).as("the fixture's deltas do carry the head").isNotZero();

            GlobalVersion v1 = AggregationRun.run(a, Aggregator.fedAvg(), shared, T0.plusSeconds(10)).orElseThrow();
            float[] p = v1.params();
            for (int i = 0; i < base.length; i++) {
                double expected = i >= shared ? base[i] : base[i] + (r1.dense()[i] * r1.sampleCount()
                        + r2.dense()[i] * r2.sampleCount()) / (double) (r1.sampleCount() + r2.sampleCount());
                assertThat((double) p[i]).as("coordinate %d", i).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThat(v1.lineage()).extracting(GlobalVersion.LineageEntry::deltaId).containsExactly(d1, d2);
        }
    }

    @Test
    void aDeltaOnAnOlderVersionIsMergedWithWeightOneOverSqrtOnePlusStaleness(@TempDir Path dir) {
        float[] base = {1, 2, 3, 4, 5, 6, 7, 8};
        try (Archive a = Archive.open(dir.resolve("a.db"))) {
            a.recordGlobalVersion(base, "initial", List.of(), T0);
            long first = a.storeDelta(ArchiveFixtures.delta("sat-1", 1, 1, base, 0), Set.of(), T0).orElseThrow();
            a.review(first, DeltaStatus.APPROVED, "op", "ok", T0);
            float[] v1 = AggregationRun.run(a, Aggregator.fedAvg(), T0.plusSeconds(1)).orElseThrow().params();
            a.recordGlobalVersion(v1, "copy", List.of(), T0.plusSeconds(2)); // v2 = v1, so a v0 delta is 2 versions stale

            long stale = a.storeDelta(ArchiveFixtures.delta("sat-2", 1, 2, base, 0), Set.of(), T0).orElseThrow();
            long fresh = a.storeDelta(ArchiveFixtures.delta("sat-3", 1, 3, v1, 2), Set.of(), T0).orElseThrow();
            a.review(stale, DeltaStatus.APPROVED, "op", "ok", T0);
            a.review(fresh, DeltaStatus.APPROVED, "op", "ok", T0);
            DeltaRecord s = a.delta(stale).orElseThrow();
            DeltaRecord f = a.delta(fresh).orElseThrow();
            GlobalVersion v3 = AggregationRun.run(a, Aggregator.fedAvg(), T0.plusSeconds(3)).orElseThrow();

            double shrink = 1 / Math.sqrt(3); // staleness 2
            double total = s.sampleCount() + f.sampleCount();
            for (int i = 0; i < base.length; i++) {
                double expected = v1[i] + (s.sampleCount() * shrink * s.dense()[i] + f.sampleCount() * f.dense()[i]) / total;
                assertThat((double) v3.params()[i]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
            }
            assertThat(v3.lineage()).extracting(GlobalVersion.LineageEntry::deltaId).containsExactlyInAnyOrder(stale, fresh);
            assertThat(v3.lineage()).filteredOn(e -> e.deltaId() == stale).singleElement()
                    .satisfies(e -> assertThat(e.weight()).isCloseTo(s.sampleCount() * shrink, org.assertj.core.data.Offset.offset(1e-9)));
            assertThat(a.delta(stale).orElseThrow().status()).isEqualTo(DeltaStatus.MERGED);
        }
    }
}
