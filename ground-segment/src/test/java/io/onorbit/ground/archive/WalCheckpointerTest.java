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
    void theDatabaseFileAloneHoldsEveryCommitOnceTheCheckpointerHasRun() throws Exception {
        Path file = dir.resolve("a.db");
        try (Archive a = Archive.open(file)) {
            WalCheckpointer c = WalCheckpointer.start(file, Duration.ofMillis(2), 1);
            for (int i = 0; i < 20; i++) {
                a.storeDelta(delta("sat-1", i + 1, i, new float[64], 0), EnumSet.noneOf(DeltaFlag.class), T0);
            }
            // far fewer pages than the writer's own checkpoint needs (1 000): only the checkpointer copies them
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (deltaRowsInTheFileAlone(file) < 20 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertThat(deltaRowsInTheFileAlone(file)).isEqualTo(20);
            assertThat(c.checkpoints()).isPositive();
            c.close();
            assertThat(Files.size(file.resolveSibling("a.db-wal"))).isPositive(); // the writer is still open
            // and the writer goes on after the checkpointer has stopped
            a.storeDelta(delta("sat-1", 21, 21, new float[64], 0), EnumSet.noneOf(DeltaFlag.class), T0);
            assertThat(a.deltas()).hasSize(21);
        }
    }

    @Test
    void belowItsTriggerItLeavesTheLogToTheWriter() throws Exception {
        Path file = dir.resolve("c.db");
        try (Archive a = Archive.open(file)) {
            WalCheckpointer c = WalCheckpointer.start(file, Duration.ofMillis(2), 100_000);
            for (int i = 0; i < 5; i++) {
                a.storeDelta(delta("sat-1", i + 1, i, new float[64], 0), EnumSet.noneOf(DeltaFlag.class), T0);
            }
            Thread.sleep(100);
            c.close();
            assertThat(c.checkpoints()).isZero();
            assertThat(deltaRowsInTheFileAlone(file)).isZero();
        }
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

    @Test
    void aPollThatIsNotPositiveOrATriggerBelowOneFrameIsRefused() {
        assertThatThrownBy(() -> WalCheckpointer.start(dir.resolve("b.db"), Duration.ZERO, 800))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poll");
        assertThatThrownBy(() -> WalCheckpointer.start(dir.resolve("b.db"), Duration.ofMillis(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trigger");
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
