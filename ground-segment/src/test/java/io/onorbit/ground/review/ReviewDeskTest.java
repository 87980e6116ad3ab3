package io.onorbit.ground.review;

import static io.onorbit.ground.archive.ArchiveFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onorbit.ground.aggregation.AggregationRun;
import io.onorbit.ground.aggregation.Aggregator;
import io.onorbit.ground.aggregation.ModelEvaluator;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.ArchiveFixtures;
import io.onorbit.ground.archive.Attribution;
import io.onorbit.ground.archive.DeltaStatus;
import io.onorbit.ground.archive.OperatorAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Review means what it says: final rejections, no worse model by accident, one-line audit text, no lost decision. */
class ReviewDeskTest {

    static final float[] BASE = {1, 2, 3, 4, 5, 6, 7, 8};

    @TempDir
    Path dir;

    static Attribution by(String who, String why) {
        return new Attribution(who, why, T0.plusSeconds(60));
    }

    @Test
    void aRejectedDeltaStaysRejectedUnlessAnOperatorOverridesItAndTheOverrideIsRecorded() {
        try (Archive a = Archive.open(dir.resolve("a.db"))) {
            a.recordGlobalVersion(BASE, "initial", List.of(), T0);
            long id = a.storeDelta(ArchiveFixtures.delta("sat-1", 1, 1, BASE, 0), Set.of(), T0).orElseThrow();
            ReviewDesk desk = new ReviewDesk(a);
            desk.reject(id, by("alice", "norm looks odd"));

            assertThatThrownBy(() -> desk.approve(id, by("bob", "looks fine"), false, Optional.empty(), false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was rejected by alice")
                    .hasMessageContaining("norm looks odd");
            assertThat(a.delta(id).orElseThrow().status()).isEqualTo(DeltaStatus.REJECTED);
            assertThat(a.reviews(id)).hasSize(1);
            assertThat(a.actions()).extracting(OperatorAction::kind).doesNotContain(OperatorAction.Kind.OVERRIDE_REJECTION);

            assertThat(desk.approve(id, by("bob", "checked the pass log: a known bias"), true, Optional.empty(), false))
                    .isEqualTo(DeltaStatus.REJECTED);
            assertThat(a.delta(id).orElseThrow().status()).isEqualTo(DeltaStatus.APPROVED);
            assertThat(a.actions()).filteredOn(x -> x.kind() == OperatorAction.Kind.OVERRIDE_REJECTION).singleElement()
                    .satisfies(x -> {
                        assertThat(x.target()).isEqualTo("delta " + id);
                        assertThat(x.by().operator()).isEqualTo("bob");
                        assertThat(x.by().reason()).isEqualTo("checked the pass log: a known bias");
                    });
        }
    }

    /** Mean squared distance to a known target: an evaluator whose truth the test knows. */
    record DistanceTo(float[] target) implements ModelEvaluator {
        @Override
        public String errorName() {
            return "squared distance";
        }

        @Override
        public double error(float[] params) {
            double s = 0;
            for (int i = 0; i < params.length; i++) {
                s += (params[i] - target[i]) * (double) (params[i] - target[i]);
            }
            return s;
        }
    }

    @Test
    void anApprovalThatMakesTheModelWorseIsRefusedUnlessAcceptedWithAReason() {
        try (Archive a = Archive.open(dir.resolve("a.db"))) {
            a.recordGlobalVersion(BASE, "initial", List.of(), T0);
            long id = a.storeDelta(ArchiveFixtures.delta("sat-1", 1, 3, BASE, 0), Set.of(), T0).orElseThrow();
            float[] after = BASE.clone();
            float[] dense = a.delta(id).orElseThrow().dense();
            for (int i = 0; i < after.length; i++) {
                after[i] += dense[i];
            }
            ReviewDesk desk = new ReviewDesk(a);
            // The truth is the base itself: any non-zero delta moves away from it.
            ValidationCheck away = desk.checkApproval(id, new DistanceTo(BASE), Aggregator.fedAvg());
            assertThat(away.currentError()).isZero();
            assertThat(away.candidateError()).isCloseTo(new DistanceTo(BASE).error(after), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(away.worse()).isTrue();
            assertThatThrownBy(() -> desk.approve(id, by("carol", "ok"), false, Optional.of(away), false))
                    .hasMessageContaining("worse than the current one");
            assertThat(a.delta(id).orElseThrow().status()).isEqualTo(DeltaStatus.PENDING);

            // The truth is where the delta leads: it is better, and approved without any waiver.
            ValidationCheck toward = desk.checkApproval(id, new DistanceTo(after), Aggregator.fedAvg());
            assertThat(toward.worse()).isFalse();

            desk.approve(id, by("carol", "drift expected after the safe mode"), false, Optional.of(away), true);
            assertThat(a.delta(id).orElseThrow().status()).isEqualTo(DeltaStatus.APPROVED);
            assertThat(a.actions()).extracting(OperatorAction::kind).containsExactly(OperatorAction.Kind.AGGREGATE,
                    OperatorAction.Kind.ACCEPT_WORSE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ok\n2026-06-21T00:00:00Z  approved by admin: forged", "a\rb", "tab\there", "bidi\u202Eevil",
        "sep\u2028line", "nul\0"})
    void operatorTextIsSingleLine(String text) {
        assertThatThrownBy(() -> new Attribution("op", text, T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason must be single-line text");
        assertThatThrownBy(() -> new Attribution(text, "why", T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operator must be single-line text");
    }

    @Test
    void everyStoredVersionRecordsItsOperatorAndAStaleCandidateIsNotStoredOverANewerVersion() {
        try (Archive a = Archive.open(dir.resolve("a.db")); Archive other = Archive.open(dir.resolve("a.db"))) {
            a.recordGlobalVersion(BASE, "initial", List.of(), T0);
            for (int s = 1; s <= 2; s++) {
                long id = a.storeDelta(ArchiveFixtures.delta("sat-" + s, 1, s, BASE, 0), Set.of(), T0).orElseThrow();
                a.review(id, DeltaStatus.APPROVED, "op", "ok", T0);
            }
            AggregationRun.Candidate mine = AggregationRun.preview(a, Aggregator.fedAvg()).orElseThrow();
            AggregationRun.Candidate theirs = AggregationRun.preview(other, Aggregator.median()).orElseThrow();
            AggregationRun.store(other, theirs, by("dave", "nightly"), List.of());

            assertThatThrownBy(() -> AggregationRun.store(a, mine, by("erin", "mine"), List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newest global version is now v1");
            assertThat(a.globals()).hasSize(2);
            assertThat(a.actions()).filteredOn(x -> x.kind() == OperatorAction.Kind.AGGREGATE).extracting(OperatorAction::target,
                    x -> x.by().operator(), x -> x.by().reason()).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("v0", Archive.AUTOMATIC_OPERATOR, ""),
                    org.assertj.core.groups.Tuple.tuple("v1", "dave", "nightly"));
        }
    }

    /**
     * Two operators, each with their own connection, decide at the same instant (a barrier) for a
     * few rounds: no call fails (no SQLITE_BUSY), and every decision is in the audit trail and
     * status. The 100-trial, two-process version is ReviewConcurrencyBenchmark.
     */
    @Test
    void twoOperatorsAtOnceNeitherFailsNorLosesADecision() throws Exception {
        Path file = dir.resolve("a.db");
        List<Long> ids = new ArrayList<>();
        try (Archive a = Archive.open(file)) {
            a.recordGlobalVersion(BASE, "initial", List.of(), T0);
            for (int s = 1; s <= 20; s++) {
                ids.add(a.storeDelta(ArchiveFixtures.delta("sat-" + s, 1, s, BASE, 0), Set.of(), T0).orElseThrow());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<?>> runs = new ArrayList<>();
            for (int op = 0; op < 2; op++) {
                int me = op;
                runs.add(pool.submit(() -> {
                    try (Archive mine = Archive.open(file)) {
                        ReviewDesk desk = new ReviewDesk(mine);
                        for (int k = me; k < ids.size(); k += 2) {
                            together.await(20, TimeUnit.SECONDS); // a failed partner breaks the barrier, never hangs
                            // Both read the delta and write its status and trail: a read-modify-write each.
                            desk.approve(ids.get(k), by("op-" + me, "round " + k), false, Optional.empty(), false);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Archive a = Archive.open(file)) {
            assertThat(a.deltas(DeltaStatus.APPROVED)).hasSize(ids.size());
            assertThat(a.reviews()).hasSize(ids.size());
        }
    }
}
