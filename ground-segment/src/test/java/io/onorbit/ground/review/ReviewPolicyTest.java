package io.onorbit.ground.review;

import static io.onorbit.ground.archive.ArchiveFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.flight.learning.model.ModelVersion;
import io.onorbit.flight.learning.model.SparseVector;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.ArchiveFixtures;
import io.onorbit.ground.archive.DeltaFlag;
import io.onorbit.ground.archive.DeltaStatus;
import io.onorbit.ground.archive.DeltaSubmission;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewPolicyTest {

    private static final float[] BASE = new float[8];
    private static final byte[] BASE_DIGEST = ModelVersion.digestOf(BASE);

    private static DeltaSubmission delta(float[] values, long samples, long baseVersion, byte[] baseDigest) {
        int[] idx = new int[values.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return new DeltaSubmission("sat-1", 1, "", baseVersion, baseDigest, new byte[32], samples, T0, new SparseVector(8, idx, values),
                new byte[4]);
    }

    @Test
    void madRuleMatchesHandComputedBounds() {
        // norms 1..5: median 3, absolute deviations 2,1,0,1,2 -> MAD 1; with k = 2 the band is [1, 5]
        ReviewPolicy p = new ReviewPolicy(2, 10, 5);
        List<Double> hist = List.of(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(p.isNormOutlier(4.99, hist)).isFalse();
        assertThat(p.isNormOutlier(5.01, hist)).isTrue();
        assertThat(p.isNormOutlier(0.99, hist)).isTrue();
        assertThat(p.isNormOutlier(100, hist.subList(0, 4))).as("too little history").isFalse();
    }

    @Test
    void eachFlagFiresOnItsOwnCause() {
        ReviewPolicy p = ReviewPolicy.DEFAULT;
        List<Double> hist = List.of(0.9, 1.0, 1.1, 1.0, 0.95, 1.05);
        Optional<byte[]> known = Optional.of(BASE_DIGEST);
        float[] nominal = {0.5f, 0.5f, 0.5f, 0.5f}; // norm 1
        assertThat(p.auto(delta(nominal, 10, 3, BASE_DIGEST), hist, 3, known)).isEmpty();
        assertThat(p.auto(delta(new float[] {Float.NaN, 0, 0, 0}, 10, 3, BASE_DIGEST), hist, 3, known))
                .containsExactly(DeltaFlag.NON_FINITE);
        assertThat(p.auto(delta(new float[] {Float.POSITIVE_INFINITY}, 10, 3, BASE_DIGEST), hist, 3, known))
                .containsExactly(DeltaFlag.NON_FINITE);
        assertThat(p.auto(delta(new float[] {5, 5, 5, 5}, 10, 3, BASE_DIGEST), hist, 3, known))
                .containsExactly(DeltaFlag.NORM_OUTLIER);
        assertThat(p.auto(delta(nominal, 10, 2, BASE_DIGEST), hist, 3, known)).containsExactly(DeltaFlag.STALE_BASE);
        assertThat(p.auto(delta(nominal, 0, 3, BASE_DIGEST), hist, 3, known)).containsExactly(DeltaFlag.ZERO_SAMPLES);
        byte[] other = BASE_DIGEST.clone();
        other[0] ^= 1;
        assertThat(p.auto(delta(nominal, 10, 3, other), hist, 3, known)).containsExactly(DeltaFlag.DIGEST_MISMATCH);
        assertThat(p.auto(delta(nominal, 10, 4, BASE_DIGEST), hist, 3, Optional.empty()))
                .as("a base the ground never made").containsExactly(DeltaFlag.DIGEST_MISMATCH);
    }

    @Test
    void invalidPolicyIsRefusedWithTheField() {
        assertThatThrownBy(() -> new ReviewPolicy(0, 10, 5)).hasMessageContaining("madK");
        assertThatThrownBy(() -> new ReviewPolicy(3, 2, 3)).hasMessageContaining("window");
        assertThatThrownBy(() -> new ReviewPolicy(3, 10, 11)).hasMessageContaining("minHistory");
    }

    @Test
    void archiveContextAndDeskAuditTrail(@TempDir Path dir) {
        try (Archive a = Archive.open(dir.resolve("a.db"))) {
            a.recordGlobalVersion(BASE, "initial", List.of(), T0);
            ReviewPolicy p = ReviewPolicy.DEFAULT;
            for (int s = 0; s < 6; s++) {
                DeltaSubmission d = ArchiveFixtures.delta("sat-" + s, 1, s, BASE, 0);
                Set<DeltaFlag> flags = p.auto(d, a);
                assertThat(flags).as("seeded nominal delta %d", s).isEmpty();
                a.storeDelta(d, flags, T0);
            }
            DeltaSubmission stale = ArchiveFixtures.delta("sat-9", 2, 99, BASE, 0);
            a.recordGlobalVersion(new float[8], "initial-copy", List.of(), T0);
            assertThat(p.auto(stale, a)).contains(DeltaFlag.STALE_BASE);
            a.storeDelta(stale, p.auto(stale, a), T0);

            DeltaSubmission unknownBase = ArchiveFixtures.delta("sat-8", 2, 98, BASE, 7);
            assertThat(p.auto(unknownBase, a)).contains(DeltaFlag.DIGEST_MISMATCH);
            a.storeDelta(unknownBase, p.auto(unknownBase, a), T0);

            ReviewDesk desk = new ReviewDesk(a);
            List<Long> approved = desk.autoReview("auto", T0.plusSeconds(1));
            assertThat(approved).as("six fresh deltas and the stale one: staleness alone never rejects").hasSize(7);
            assertThat(a.deltas(DeltaStatus.REJECTED)).singleElement()
                    .satisfies(d -> assertThat(d.satellite()).isEqualTo("sat-8"));
            assertThat(a.reviews()).hasSize(8).allSatisfy(r -> assertThat(r.operator()).isEqualTo("auto"));
            assertThat(a.reviews()).filteredOn(r -> r.decision() == DeltaStatus.REJECTED).singleElement()
                    .satisfies(r -> assertThat(r.reason()).contains("DIGEST_MISMATCH").doesNotContain("STALE_BASE"));
        }
    }
}
