package io.onorbit.ground.aggregation;

import static io.onorbit.ground.archive.ArchiveFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.ArchiveFixtures;
import io.onorbit.ground.archive.Attribution;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.archive.DeltaStatus;
import io.onorbit.ground.archive.GlobalVersion;
import io.onorbit.ground.review.ReviewPolicy;
import io.onorbit.ground.archive.DeltaFlag;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clustered federation's chains of global versions: each cluster's versions are made from its members'
 * deltas only, on its own newest version, and staleness is counted along the chain. Expected models are
 * written out by hand (FedAvg of the members' deltas), not taken from the code under test.
 */
class ClusteredAggregationTest {

    private static final float[] LAUNCH = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final Map<String, String> CLUSTERS = Map.of("a-1", "plane-1", "a-2", "plane-1", "b-1", "plane-2", "b-2", "plane-2");

    /** @return a new archive holding the launch model (v0) and {@link #CLUSTERS} */
    private static Archive clustered(Path dir) {
        Archive a = Archive.open(dir.resolve("a.db"));
        a.recordGlobalVersion(LAUNCH, "launch", List.of(), T0);
        a.assignClusters(CLUSTERS, T0);
        return a;
    }

    private static long approved(Archive a, String satellite, long seed, float[] base, long baseVersion) {
        long id = a.storeDelta(ArchiveFixtures.delta(satellite, seed, seed, base, baseVersion), Set.of(), T0).orElseThrow();
        a.review(id, DeltaStatus.APPROVED, "op", "ok", T0);
        return id;
    }

    private static GlobalVersion aggregate(Archive a, String cluster) {
        AggregationRun.Candidate c = AggregationRun.preview(a, Aggregator.fedAvg(), Integer.MAX_VALUE, LatestModels.none(),
                Optional.of(cluster)).orElseThrow();
        return AggregationRun.store(a, c, new Attribution(Archive.AUTOMATIC_OPERATOR, "", T0), List.of());
    }

    private static double[] fedAvgOf(float[] base, DeltaRecord... ds) {
        double[] out = new double[base.length];
        long n = 0;
        for (DeltaRecord d : ds) {
            n += d.sampleCount();
        }
        for (int i = 0; i < base.length; i++) {
            double s = 0;
            for (DeltaRecord d : ds) {
                s += d.dense()[i] * d.sampleCount();
            }
            out[i] = base[i] + s / n;
        }
        return out;
    }

    @Test
    void eachClusterExtendsItsOwnChainFromItsMembersDeltasOnly(@TempDir Path dir) {
        try (Archive a = clustered(dir)) {
            long a1 = approved(a, "a-1", 1, LAUNCH, 0);
            long a2 = approved(a, "a-2", 2, LAUNCH, 0);
            long b1 = approved(a, "b-1", 3, LAUNCH, 0);

            GlobalVersion va = aggregate(a, "plane-1");
            assertThat(va.version()).isEqualTo(1);
            assertThat(va.parentVersion()).isZero();
            assertThat(va.lineage()).extracting(GlobalVersion.LineageEntry::deltaId).containsExactly(a1, a2);
            double[] expected = fedAvgOf(LAUNCH, a.delta(a1).orElseThrow(), a.delta(a2).orElseThrow());
            for (int i = 0; i < LAUNCH.length; i++) {
                assertThat((double) va.params()[i]).isCloseTo(expected[i], Offset.offset(1e-6));
            }
            assertThat(a.delta(b1).orElseThrow().status()).as("another cluster's delta waits for its own chain")
                    .isEqualTo(DeltaStatus.APPROVED);

            // plane-2's first version starts from the launch model, not from plane-1's version, and is numbered after it.
            GlobalVersion vb = aggregate(a, "plane-2");
            assertThat(vb.version()).isEqualTo(2);
            assertThat(vb.parentVersion()).isZero();
            double[] expectedB = fedAvgOf(LAUNCH, a.delta(b1).orElseThrow());
            for (int i = 0; i < LAUNCH.length; i++) {
                assertThat((double) vb.params()[i]).isCloseTo(expectedB[i], Offset.offset(1e-6));
            }
            assertThat(a.clusterOfVersion(1)).contains("plane-1");
            assertThat(a.clusterOfVersion(2)).contains("plane-2");
            assertThat(a.clusterOfVersion(0)).as("the launch model is the common chain").isEmpty();
            assertThat(a.latestGlobalFor("a-2").orElseThrow().version()).isEqualTo(1);
            assertThat(a.latestGlobalFor("b-2").orElseThrow().version()).isEqualTo(2);
            assertThat(a.latestGlobalVersionFor("b-2")).hasValue(2);
            assertThat(a.chains()).containsExactly(Optional.of("plane-1"), Optional.of("plane-2"));
        }
    }

    @Test
    void stalenessIsCountedAlongTheChainNotByVersionNumbers(@TempDir Path dir) {
        try (Archive a = clustered(dir)) {
            approved(a, "a-1", 1, LAUNCH, 0);
            GlobalVersion v1 = aggregate(a, "plane-1"); // v1 (plane-1)
            approved(a, "b-1", 2, LAUNCH, 0);
            aggregate(a, "plane-2"); // v2 (plane-2)
            approved(a, "b-2", 3, LAUNCH, 0);
            aggregate(a, "plane-2"); // v3 (plane-2)
            // plane-1's chain is v0 -> v1: a delta on v0 is one version stale there, though v1 is three numbers behind v3.
            assertThat(a.versionsSince(0, 1)).hasValue(1);
            assertThat(a.versionsSince(0, 3)).hasValue(2);
            assertThat(a.versionsSince(2, 3)).hasValue(1);
            assertThat(a.versionsSince(1, 3)).as("v1 is not on plane-2's chain").isEmpty();
            assertThat(a.versionsSince(9, 9)).as("a version never made").isEmpty();

            long late = approved(a, "a-2", 4, LAUNCH, 0);
            AggregationRun.Candidate c = AggregationRun.preview(a, Aggregator.fedAvg(), Integer.MAX_VALUE, LatestModels.none(),
                    Optional.of("plane-1")).orElseThrow();
            assertThat(c.parent().version()).isEqualTo(1);
            assertThat(c.staleness()).containsExactly(1L);
            DeltaRecord d = a.delta(late).orElseThrow();
            double w = 1 / Math.sqrt(2); // FedBuff's 1/sqrt(1 + tau) at tau = 1 (one delta: FedAvg's mean is the delta itself)
            for (int i = 0; i < LAUNCH.length; i++) {
                assertThat((double) c.params()[i]).isCloseTo(v1.params()[i] + w * d.dense()[i], Offset.offset(1e-6));
            }

            // A member's delta on another chain's version cannot be applied to its own: skipped, never merged.
            long foreign = approved(a, "a-1", 5, a.global(3).orElseThrow().params(), 3);
            AggregationRun.Candidate c2 = AggregationRun.preview(a, Aggregator.fedAvg(), Integer.MAX_VALUE, LatestModels.none(),
                    Optional.of("plane-1")).orElseThrow();
            assertThat(c2.skipped()).extracting(DeltaRecord::id).containsExactly(foreign);
        }
    }

    @Test
    void anUnclusteredArchiveCountsStalenessAsBefore(@TempDir Path dir) {
        try (Archive a = Archive.open(dir.resolve("a.db"))) {
            a.recordGlobalVersion(LAUNCH, "launch", List.of(), T0);
            for (int k = 1; k <= 3; k++) {
                approved(a, "s-" + k, k, LAUNCH, 0);
                AggregationRun.run(a, Aggregator.fedAvg(), T0).orElseThrow();
            }
            assertThat(a.chains()).containsExactly(Optional.empty());
            for (long base = 0; base <= 3; base++) {
                assertThat(a.versionsSince(base, 3)).hasValue(3 - base);
            }
            assertThat(a.latestGlobalFor("s-1").orElseThrow().version()).isEqualTo(3);
        }
    }

    @Test
    void aVersionRefusesADeltaOfAnotherCluster(@TempDir Path dir) {
        try (Archive a = clustered(dir)) {
            long b1 = approved(a, "b-1", 1, LAUNCH, 0);
            assertThatThrownBy(() -> a.recordGlobalVersion(LAUNCH, "fedavg", List.of(new GlobalVersion.LineageEntry(b1, 1.0)),
                    Optional.empty(), new Attribution("op", "", T0), List.of(), Optional.of("plane-1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b-1").hasMessageContaining("plane-2");
            assertThat(a.latestGlobalVersion()).as("nothing stored").hasValue(0);
            assertThat(a.delta(b1).orElseThrow().status()).isEqualTo(DeltaStatus.APPROVED);
        }
    }

    @Test
    void aSatelliteKeepsItsClusterAndAnotherConnectionSeesTheAssignment(@TempDir Path dir) {
        Path file = dir.resolve("a.db");
        try (Archive reader = Archive.open(file); Archive a = Archive.open(file)) {
            assertThat(reader.clusterMembers()).isEmpty();
            a.assignClusters(CLUSTERS, T0);
            a.assignClusters(Map.of("a-1", "plane-1"), T0); // the same again: nothing changes
            assertThat(reader.clusterOf("b-2")).as("read by a connection opened before").contains("plane-2");
            assertThatThrownBy(() -> a.assignClusters(Map.of("a-1", "plane-2"), T0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a-1").hasMessageContaining("plane-1");
            assertThat(a.clusterOf("a-1")).contains("plane-1");
            assertThat(a.clusterOf("c-9")).as("not a member: the common chain").isEmpty();
        }
    }

    @Test
    void theStaleBaseFlagComparesWithTheSatellitesOwnChain(@TempDir Path dir) {
        try (Archive a = clustered(dir)) {
            approved(a, "b-1", 1, LAUNCH, 0);
            aggregate(a, "plane-2"); // v1 on plane-2 only
            ReviewPolicy policy = ReviewPolicy.DEFAULT;
            assertThat(policy.auto(ArchiveFixtures.delta("a-1", 7, 7, LAUNCH, 0), a))
                    .as("plane-1 still has the launch model as its newest").doesNotContain(DeltaFlag.STALE_BASE);
            assertThat(policy.auto(ArchiveFixtures.delta("b-2", 8, 8, LAUNCH, 0), a)).contains(DeltaFlag.STALE_BASE);
        }
    }
}
