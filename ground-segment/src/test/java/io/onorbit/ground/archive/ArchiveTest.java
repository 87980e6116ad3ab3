package io.onorbit.ground.archive;

import static io.onorbit.ground.archive.ArchiveFixtures.T0;
import static io.onorbit.ground.archive.ArchiveFixtures.delta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveTest {

    @TempDir
    Path dir;

    private final float[] base = new float[16];

    @Test
    void deltaRoundTripsAndSurvivesReopen() {
        Path file = dir.resolve("archive.db");
        DeltaSubmission d = delta("sat-1", 3, 7, base, 0);
        long id;
        try (Archive a = Archive.open(file)) {
            assertThat(a.schemaVersion()).isEqualTo(Migration.ALL.size());
            id = a.storeDelta(d, EnumSet.of(DeltaFlag.STALE_BASE), T0).orElseThrow();
        }
        try (Archive a = Archive.open(file)) {
            DeltaRecord r = a.delta(id).orElseThrow();
            assertThat(r.satellite()).isEqualTo("sat-1");
            assertThat(r.passNumber()).isEqualTo(3);
            assertThat(r.delta().values().indices()).containsExactly(d.values().indices());
            assertThat(r.delta().values().values()).containsExactly(d.values().values());
            assertThat(r.delta().encoded()).containsExactly(d.encoded());
            assertThat(r.delta().baseDigest()).containsExactly(d.baseDigest());
            assertThat(r.delta().createdAt()).isEqualTo(d.createdAt());
            assertThat(r.nnz()).isEqualTo(4);
            assertThat(r.bytes()).isEqualTo(d.encoded().length);
            // independent norm: sum of squares of the stored floats
            double s = 0;
            for (float v : d.values().values()) {
                s += v * (double) v;
            }
            assertThat(r.norm()).isCloseTo(Math.sqrt(s), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(r.flags()).containsExactly(DeltaFlag.STALE_BASE);
            assertThat(r.status()).isEqualTo(DeltaStatus.PENDING);
            assertThat(a.passes()).singleElement().satisfies(p -> assertThat(p.deltas()).isEqualTo(1));
        }
    }

    @Test
    void deltasAndRecentNormsFollowReceptionTimeNotTheOrderOfCommits() {
        // Committed in the order two satellites' threads might: the later reception first.
        try (Archive a = Archive.open(dir.resolve("order.db"))) {
            DeltaSubmission late = delta("sat-a", 1, 1, base, 0);
            DeltaSubmission early = delta("sat-b", 1, 2, base, 0);
            DeltaSubmission sameTimeB = delta("sat-b", 2, 3, base, 0);
            DeltaSubmission sameTimeA = delta("sat-a", 2, 4, base, 0);
            a.storeDelta(late, Set.of(), T0.plusSeconds(60)).orElseThrow();
            a.storeDelta(early, Set.of(), T0).orElseThrow();
            a.storeDelta(sameTimeB, Set.of(), T0.plusSeconds(30)).orElseThrow();
            a.storeDelta(sameTimeA, Set.of(), T0.plusSeconds(30)).orElseThrow();

            assertThat(a.deltas()).extracting(r -> r.delta().digest())
                    .containsExactly(early.digest(), sameTimeA.digest(), sameTimeB.digest(), late.digest());
            assertThat(a.deltas(DeltaStatus.PENDING)).extracting(r -> r.delta().digest())
                    .containsExactly(early.digest(), sameTimeA.digest(), sameTimeB.digest(), late.digest());
            // newest first, each the L2 norm of its own values
            assertThat(a.recentNorms(2, 0)).containsExactly(norm(late), norm(sameTimeB));
        }
    }

    /**
     * The review's recent-norms read finds its deltas through the base-version index (SQLite's query
     * plan says so), not by scanning every delta ever archived at every delta received.
     */
    @Test
    void recentNormsReadUsesTheBaseVersionIndex() {
        try (Archive a = Archive.open(dir.resolve("plan.db"))) {
            List<String> plan = a.query("EXPLAIN QUERY PLAN " + Archive.RECENT_NORMS_SQL, rs -> rs.getString("detail"),
                    DeltaStatus.REJECTED.name(), 0L);
            assertThat(plan).anySatisfy(step -> assertThat(step).contains("USING INDEX deltas_base_version"));
            assertThat(plan).noneSatisfy(step -> assertThat(step).startsWith("SCAN"));
        }
    }

    private static double norm(DeltaSubmission d) {
        double s = 0;
        for (float v : d.values().values()) {
            s += v * (double) v;
        }
        return Math.sqrt(s);
    }

    @Test
    void duplicateDigestFromSameSatelliteIsDropped() {
        try (Archive a = Archive.open(dir.resolve("a.db"))) {
            DeltaSubmission d = delta("sat-1", 1, 1, base, 0);
            assertThat(a.storeDelta(d, Set.of(), T0)).isPresent();
            assertThat(a.storeDelta(d, Set.of(), T0.plusSeconds(5))).isEmpty();
            assertThat(a.deltas()).hasSize(1);
            assertThat(a.passes().get(0).deltas()).isEqualTo(1);
        }
    }

    @Test
    void failureMidTransactionLeavesNoPartialRows() {
        try (Archive a = Archive.open(dir.resolve("a.db"))) {
            DeltaSubmission d = delta("sat-1", 1, 1, base, 0);
            assertThatThrownBy(() -> a.transaction(c -> {
                a.upsertPass("sat-1", 1, "svalbard", T0, 100, 2, 1);
                a.insertDelta(d, Set.of(), T0);
                throw new IllegalStateException("power lost after the delta row");
            })).hasMessageContaining("power lost");
            assertThat(a.deltas()).isEmpty();
            assertThat(a.passes()).isEmpty();
            // and the archive still works afterwards
            assertThat(a.storeDelta(d, Set.of(), T0)).isPresent();
        }
    }

    @Test
    void uncommittedWorkIsGoneAfterAbruptClose() throws Exception {
        Path file = dir.resolve("a.db");
        Archive a = Archive.open(file);
        Connection c = a.connection();
        c.setAutoCommit(false);
        a.upsertPass("sat-1", 1, "svalbard", T0, 100, 2, 1);
        a.insertDelta(delta("sat-1", 1, 1, base, 0), Set.of(), T0);
        c.close(); // the process dies: no commit
        try (Archive b = Archive.open(file)) {
            assertThat(b.deltas()).isEmpty();
            assertThat(b.passes()).isEmpty();
        }
    }

    @Test
    void oldSchemaUpgradesItselfKeepingData() {
        Path file = dir.resolve("old.db");
        String url = "jdbc:sqlite:" + file;
        try (Archive v1 = Archive.open(url, Migration.ALL.subList(0, 1))) {
            assertThat(v1.schemaVersion()).isEqualTo(1);
            v1.storeDelta(delta("sat-2", 4, 9, base, 0), Set.of(), T0);
        }
        try (Archive a = Archive.open(file)) {
            assertThat(a.schemaVersion()).isEqualTo(Migration.ALL.size());
            assertThat(a.deltas()).singleElement().satisfies(d -> assertThat(d.satellite()).isEqualTo("sat-2"));
            a.recordUplink("sat-2", 1, 0, 1, 120, T0);
            assertThat(a.lastUplinkCounter("sat-2")).isEqualTo(1);
            assertThatThrownBy(() -> a.recordUplink("sat-2", 1, 0, 1, 120, T0)).isInstanceOf(ArchiveException.class);
        }
    }

    @Test
    void readersFollowTheArchiveFromARowOrCounter() {
        try (Archive a = Archive.open(dir.resolve("follow.db"))) {
            long first = a.storeDelta(delta("sat-1", 1, 1, base, 0), Set.of(), T0).orElseThrow();
            long second = a.storeDelta(delta("sat-2", 1, 2, base, 0), Set.of(), T0).orElseThrow();
            assertThat(a.deltasAfter(0)).extracting(DeltaRecord::id).containsExactly(first, second);
            assertThat(a.deltasAfter(first)).extracting(DeltaRecord::id).containsExactly(second);
            assertThat(a.deltasAfter(second)).isEmpty();
            a.recordUplink("sat-1", 1, 0, 1, 120, T0);
            a.recordUplink("sat-1", 2, 1, 3, 130, T0.plusSeconds(60));
            a.recordUplink("sat-2", 1, 0, 1, 120, T0);
            assertThat(a.uplinks("sat-1", 0)).extracting(UplinkRecord::counter).containsExactly(1L, 2L);
            assertThat(a.uplinks("sat-1", 1)).singleElement()
                    .isEqualTo(new UplinkRecord("sat-1", 2, 1, 3, 130, T0.plusSeconds(60)));
            assertThat(a.uplinks("sat-3", 0)).isEmpty();
        }
    }

    @Test
    void newerSchemaThanCodeIsRefused() throws Exception {
        Path file = dir.resolve("future.db");
        try (Archive a = Archive.open(file); Statement s = a.connection().createStatement()) {
            s.execute("INSERT INTO schema_version (version, note, applied_at) VALUES (99, 'future', 'x')");
        }
        assertThatThrownBy(() -> Archive.open(file)).isInstanceOf(ArchiveException.class).hasMessageContaining("newer");
    }

    @Test
    void theLatestVersionNumberIsTheNewestStoredWithoutLoadingTheModel() {
        try (Archive a = Archive.open(dir.resolve("v.db"))) {
            assertThat(a.latestGlobalVersion()).isEmpty();
            a.recordGlobalVersion(base, "initial", List.of(), T0);
            assertThat(a.latestGlobalVersion()).hasValue(0);
            a.recordGlobalVersion(base, "fedavg", List.of(), T0.plusSeconds(1));
            a.recordGlobalVersion(base, "fedavg", List.of(), T0.plusSeconds(2));
            assertThat(a.latestGlobalVersion()).hasValue(2);
            assertThat(a.latestGlobal().orElseThrow().version()).isEqualTo(2);
        }
    }

    @Test
    void aStoredVersionIsReturnedAsItReadsBack() {
        try (Archive a = Archive.open(dir.resolve("back.db"))) {
            long[] ids = launchAndTwoDeltas(a);
            for (long id : ids) {
                a.review(id, DeltaStatus.APPROVED, "alice", "ok", T0);
            }
            long d1 = ids[0];
            long d2 = ids[1];
            // awkward floats (a NaN payload, a subnormal, a signed zero) and a time with nanoseconds
            float[] params = base.clone();
            params[0] = Float.intBitsToFloat(0x7fc01234);
            params[1] = Float.MIN_VALUE;
            params[2] = -0.0f;
            params[3] = 1.0f / 3;
            java.time.Instant at = T0.plusNanos(123_456_789);
            GlobalVersion stored = a.recordGlobalVersion(params, "fedavg",
                    List.of(new GlobalVersion.LineageEntry(d2, 0.25), new GlobalVersion.LineageEntry(d1, 1.0 / 3)), at);
            GlobalVersion back = a.global(stored.version()).orElseThrow();
            assertThat(stored.version()).isEqualTo(back.version()).isEqualTo(1);
            assertThat(stored.parentVersion()).isEqualTo(back.parentVersion()).isZero();
            assertThat(stored.rule()).isEqualTo(back.rule()).isEqualTo("fedavg");
            assertThat(stored.createdAt()).isEqualTo(back.createdAt()).isEqualTo(at);
            assertThat(bits(stored.params())).containsExactly(bits(back.params())).containsExactly(bits(params));
            // the database orders the lineage by delta id, whatever order it was given in
            assertThat(stored.lineage()).isEqualTo(back.lineage()).containsExactly(
                    new GlobalVersion.LineageEntry(d1, 1.0 / 3), new GlobalVersion.LineageEntry(d2, 0.25));
            assertThatThrownBy(() -> a.recordGlobalVersion(new float[3], "fedavg", List.of(), T0))
                    .hasMessageContaining("3 parameters, parent has 16");
        }
    }

    /** @return the ids of two pending deltas (sat-1's, then sat-2's) on the launch version, which this stores first */
    private long[] launchAndTwoDeltas(Archive a) {
        a.recordGlobalVersion(base, "initial", List.of(), T0);
        return new long[] {a.storeDelta(delta("sat-1", 1, 1, base, 0), Set.of(), T0).orElseThrow(),
                a.storeDelta(delta("sat-2", 1, 2, base, 0), Set.of(), T0).orElseThrow()};
    }

    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]);
        }
        return out;
    }

    @Test
    void theDataVersionMovesOnlyWhenAnotherConnectionCommits() {
        Path file = dir.resolve("dv.db");
        try (Archive writer = Archive.open(file); Archive reader = Archive.open(file)) {
            long v0 = reader.dataVersion().orElseThrow();
            assertThat(reader.dataVersion()).hasValue(v0);
            reader.recordReject(new RejectEntry(T0, "sat-1", "own", "the reader's own commit", 1));
            assertThat(reader.dataVersion()).as("its own commit").hasValue(v0);
            writer.storeDelta(delta("sat-1", 1, 1, base, 0), Set.of(), T0);
            long v1 = reader.dataVersion().orElseThrow();
            assertThat(v1).as("another connection committed").isNotEqualTo(v0);
            assertThat(reader.dataVersion()).hasValue(v1);
            writer.recordReject(new RejectEntry(T0, "sat-1", "other", "another commit", 1));
            assertThat(reader.dataVersion().orElseThrow()).isNotEqualTo(v1);
        }
    }

    @Test
    void callsInOneTransactionCommitTogetherOrNotAtAll() {
        Path file = dir.resolve("one.db");
        try (Archive a = Archive.open(file); Archive other = Archive.open(file)) {
            a.recordGlobalVersion(base, "initial", List.of(), T0);
            long d1 = a.storeDelta(delta("sat-1", 1, 1, base, 0), Set.of(), T0).orElseThrow();
            assertThatThrownBy(() -> a.inOneTransaction(() -> {
                a.review(d1, DeltaStatus.APPROVED, "auto", "ok", T0);
                a.recordGlobalVersion(base, "fedavg", List.of(new GlobalVersion.LineageEntry(d1, 1)), T0);
                // another connection sees none of it before the commit
                assertThat(other.delta(d1).orElseThrow().status()).isEqualTo(DeltaStatus.PENDING);
                assertThat(other.latestGlobalVersion()).hasValue(0);
                throw new IllegalStateException("fails before the commit");
            })).hasMessageContaining("fails before the commit");
            // rolled back whole: the decision with the version (each call alone would have committed)
            assertThat(other.delta(d1).orElseThrow().status()).isEqualTo(DeltaStatus.PENDING);
            assertThat(other.reviews(d1)).isEmpty();
            assertThat(other.latestGlobalVersion()).hasValue(0);
            long v = a.inOneTransaction(() -> {
                a.review(d1, DeltaStatus.APPROVED, "auto", "ok", T0);
                return a.recordGlobalVersion(base, "fedavg", List.of(new GlobalVersion.LineageEntry(d1, 1)), T0).version();
            });
            assertThat(v).isEqualTo(1);
            assertThat(other.delta(d1).orElseThrow().status()).isEqualTo(DeltaStatus.MERGED);
            assertThat(other.reviews(d1)).hasSize(1);
            assertThat(other.latestGlobalVersion()).hasValue(1);
        }
    }

    @Test
    void reviewsAreAuditedAndLineageIsRecorded() {
        try (Archive a = Archive.open(dir.resolve("a.db"))) {
            long[] ids = launchAndTwoDeltas(a);
            long d1 = ids[0];
            long d2 = ids[1];
            a.review(d1, DeltaStatus.APPROVED, "alice", "looks nominal", T0.plusSeconds(60));
            a.review(d2, DeltaStatus.REJECTED, "bob", "norm too large", T0.plusSeconds(61));
            assertThat(a.reviews(d2)).singleElement().satisfies(r -> {
                assertThat(r.operator()).isEqualTo("bob");
                assertThat(r.reason()).isEqualTo("norm too large");
                assertThat(r.at()).isEqualTo(T0.plusSeconds(61));
            });
            assertThatThrownBy(() -> a.review(d1, DeltaStatus.APPROVED, "alice", " ", T0))
                    .hasMessageContaining("reason");

            // merging a rejected delta fails and rolls the whole version back
            assertThatThrownBy(() -> a.recordGlobalVersion(base, "fedavg",
                    List.of(new GlobalVersion.LineageEntry(d1, 1), new GlobalVersion.LineageEntry(d2, 1)), T0))
                    .hasMessageContaining("REJECTED");
            assertThat(a.globals()).hasSize(1);
            assertThat(a.delta(d1).orElseThrow().status()).isEqualTo(DeltaStatus.APPROVED);

            GlobalVersion v1 = a.recordGlobalVersion(base, "fedavg", List.of(new GlobalVersion.LineageEntry(d1, 101)), T0);
            assertThat(v1.version()).isEqualTo(1);
            assertThat(v1.parentVersion()).isZero();
            assertThat(v1.lineage()).containsExactly(new GlobalVersion.LineageEntry(d1, 101));
            assertThat(a.delta(d1).orElseThrow().status()).isEqualTo(DeltaStatus.MERGED);
            assertThat(a.globalDigest(1)).contains(com.google.common.io.BaseEncoding.base16().lowerCase()
                    .encode(v1.modelVersion().digest()));
            assertThatThrownBy(() -> a.review(d1, DeltaStatus.REJECTED, "alice", "late", T0))
                    .hasMessageContaining("merged");
        }
    }

    @Test
    void rejectsAreKept() {
        try (Archive a = Archive.open(dir.resolve("a.db"))) {
            a.recordReject(new RejectEntry(T0, "sat-3", "packet-crc", "CRC mismatch in packet 7", 512));
            assertThat(a.rejects()).containsExactly(new RejectEntry(T0, "sat-3", "packet-crc", "CRC mismatch in packet 7", 512));
        }
    }

    /**
     * The ground links of several satellites share one archive object from their own threads:
     * one thread's statements never join another's transaction, so a transaction that rolls back
     * takes none of the other thread's writes with it.
     */
    @Test
    void oneArchiveObjectSharedByThreadsKeepsEveryTransactionWhole() throws Exception {
        int perThread = 200;
        try (Archive a = Archive.open(dir.resolve("shared.db"))) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                // One thread's transactions each write a row and then fail (a lineage naming no delta).
                java.util.concurrent.Future<Integer> failing = pool.submit(() -> {
                    int refused = 0;
                    for (int i = 0; i < perThread; i++) {
                        try {
                            a.recordGlobalVersion(new float[4], "fedavg", List.of(new GlobalVersion.LineageEntry(999_999, 1.0)), T0);
                        } catch (IllegalArgumentException expected) {
                            refused++;
                        }
                    }
                    return refused;
                });
                java.util.concurrent.Future<?> uplinks = pool.submit(() -> {
                    for (int i = 1; i <= perThread; i++) {
                        a.recordUplink("sat-2", i, 0, 1, 120, T0);
                        a.storeDelta(delta("sat-1", i, i, base, 0), Set.of(), T0);
                    }
                });
                uplinks.get();
                assertThat(failing.get()).isEqualTo(perThread);
            } finally {
                pool.shutdownNow();
            }
            assertThat(a.globals()).isEmpty();
            assertThat(a.uplinks("sat-2", 0)).hasSize(perThread);
            assertThat(a.deltas()).hasSize(perThread);
        }
    }
}
