package io.onorbit.ground.archive;

import static io.onorbit.ground.archive.ArchiveFixtures.T0;
import static io.onorbit.ground.archive.ArchiveFixtures.delta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpointer copies the log into the database file while the writer keeps its connection
 * open, once the log reaches its trigger: the database file alone (without its {@code -wal}) then
 * holds every commit, which the writer's own automatic checkpoint (at 1 000 pages) would not have
 * copied for this few; below the trigger it copies nothing.
 */
class WalCheckpointerTest {

    @TempDir
    Path dir;

    @Test
    void theDatabaseFileAloneHoldsEveryCommitOnceTheLogReachesTheTrigger() throws Exception {
        Path file = dir.resolve("a.db");
        try (Archive a = Archive.open(file)) {
            // below its trigger it leaves the log alone
            WalCheckpointer idle = WalCheckpointer.start(file, Duration.ofMillis(2), 100_000);
            storeDeltas(a, 0, 5);
            Thread.sleep(100);
            idle.close();
            assertThat(idle.checkpoints()).isZero();
            assertThat(deltaRowsInTheFileAlone(file)).isZero();
            // far fewer pages than the writer's own checkpoint needs (1 000): only the checkpointer copies them
            WalCheckpointer c = WalCheckpointer.start(file, Duration.ofMillis(2), 1);
            storeDeltas(a, 5, 15);
            assertThat(awaitRowsInTheFileAlone(file, 20)).isEqualTo(20);
            c.close(); // joins its thread: the count is read after the checkpoint that copied the rows counted it
            assertThat(c.checkpoints()).isPositive();
            assertThat(Files.size(file.resolveSibling("a.db-wal"))).isPositive(); // the writer is still open
            // and the writer goes on after the checkpointer has stopped
            storeDeltas(a, 20, 1);
            assertThat(a.deltas()).hasSize(21);
        }
    }

    @Test
    void theFramesAnOpenReaderHeldBackAreCopiedOnceItIsGone() throws Exception {
        Path file = dir.resolve("r.db");
        try (Archive a = Archive.open(file);
             Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            storeDeltas(a, 0, 5);
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM deltas")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(5);
            }
            // the reader's snapshot (5 deltas) stays open: a passive checkpoint copies the log up to it, no further
            storeDeltas(a, 5, 10);
            WalCheckpointer c = WalCheckpointer.start(file, Duration.ofMillis(2), 1);
            try {
                long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (c.checkpoints() == 0 && System.nanoTime() < until) {
                    Thread.sleep(5);
                }
                assertThat(c.checkpoints()).isPositive();
                // (the file alone is not yet a readable database: SQLite completes it only with the whole log)
                assertThat(deltaRowsInTheFileAlone(file)).isLessThan(15);
                reader.commit(); // the snapshot ends: the log is not longer, but the rest must now be copied
                assertThat(awaitRowsInTheFileAlone(file, 15)).isEqualTo(15);
            } finally {
                c.close();
            }
        }
    }

    @Test
    void aPollThatIsNotPositiveOrATriggerBelowOneFrameIsRefused() {
        assertThatThrownBy(() -> WalCheckpointer.start(dir.resolve("b.db"), Duration.ZERO, 800))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poll");
        assertThatThrownBy(() -> WalCheckpointer.start(dir.resolve("b.db"), Duration.ofMillis(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trigger");
    }

    /** Stores {@code n} small deltas of one satellite (passes {@code from + 1} on), one commit each. */
    private static void storeDeltas(Archive a, int from, int n) {
        for (int i = from; i < from + n; i++) {
            a.storeDelta(delta("sat-1", i + 1, i, new float[64], 0), EnumSet.noneOf(DeltaFlag.class), T0);
        }
    }

    /** The deltas the database file alone holds once it holds {@code n}, or after 20 s. */
    private long awaitRowsInTheFileAlone(Path file, long n) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long rows = deltaRowsInTheFileAlone(file);
        while (rows < n && System.nanoTime() < until) {
            Thread.sleep(5);
            rows = deltaRowsInTheFileAlone(file);
        }
        return rows;
    }

    /** The deltas a copy of the database file alone (without its log) holds; 0 if it has no table yet. */
    private long deltaRowsInTheFileAlone(Path file) throws Exception {
        Path alone = dir.resolve("copy-" + System.nanoTime() + ".db");
        Files.copy(file, alone);
        try {
            return Files.size(alone) == 0 ? 0 : deltaRows(alone);
        } catch (java.sql.SQLException noTableYet) {
            return 0;
        }
    }

    private static long deltaRows(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro&immutable=1",
                new org.sqlite.SQLiteConfig() {
                    {
                        setReadOnly(true);
                        setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
                    }
                }.toProperties());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM deltas")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
