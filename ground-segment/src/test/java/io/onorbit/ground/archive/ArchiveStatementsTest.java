package io.onorbit.ground.archive;

import static io.onorbit.ground.archive.ArchiveFixtures.T0;
import static io.onorbit.ground.archive.ArchiveFixtures.delta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive keeps its statements compiled between calls: a kept statement must give the answer
 * a fresh one gives with new parameters, when the same text runs again inside its own row mapper,
 * and after a failed run.
 */
class ArchiveStatementsTest {

    @TempDir
    Path dir;

    @Test
    void aKeptStatementAnswersWithItsNewParametersAndWithinItself() {
        try (Archive a = Archive.open(dir.resolve("a.db"))) {
            for (int i = 0; i < 3; i++) {
                a.storeDelta(delta("sat-" + i, i + 1, 7, new float[16], 0), EnumSet.noneOf(DeltaFlag.class), T0);
            }
            String sql = "SELECT satellite FROM deltas WHERE pass_number = ?";
            for (int pass = 1; pass <= 3; pass++) {
                assertThat(a.query(sql, rs -> rs.getString(1), pass)).containsExactly("sat-" + (pass - 1));
            }
            // the same text run again from inside its own row mapper: the outer rows are not disturbed
            List<String> nested = a.query("SELECT pass_number FROM deltas ORDER BY pass_number",
                    rs -> rs.getLong(1) + ":" + a.query("SELECT pass_number FROM deltas ORDER BY pass_number",
                            r -> r.getLong(1)).size());
            assertThat(nested).containsExactly("1:3", "2:3", "3:3");
        }
    }

    @Test
    void aStatementThatFailedRunsAgain() {
        try (Archive a = Archive.open(dir.resolve("b.db"))) {
            a.storeDelta(delta("sat-9", 4, 7, new float[16], 0), EnumSet.noneOf(DeltaFlag.class), T0);
            String sql = "SELECT satellite FROM deltas WHERE pass_number = ?";
            // a row mapper that fails mid-result: the kept statement is handed back all the same
            assertThatThrownBy(() -> a.query(sql, rs -> {
                throw new IllegalStateException("mapper failed");
            }, 4)).hasMessage("mapper failed");
            assertThat(a.query(sql, rs -> rs.getString(1), 4)).containsExactly("sat-9");
            // a text that does not compile is refused, and is not kept
            assertThatThrownBy(() -> a.query("SELECT nothing FROM nowhere", rs -> 1)).isInstanceOf(ArchiveException.class);
            assertThatThrownBy(() -> a.query("SELECT nothing FROM nowhere", rs -> 1)).isInstanceOf(ArchiveException.class);
        }
    }

    @Test
    void anInsertIsNotFollowedByTheDriversGeneratedKeyQueryAndRowIdsStayRight() throws Exception {
        try (Archive a = Archive.open(dir.resolve("c.db"))) {
            // the driver's option is off: its getGeneratedKeys (which the archive never calls) has nothing to give
            try (java.sql.PreparedStatement ps = a.connection().prepareStatement(
                    "INSERT INTO schema_version (version, note, applied_at) VALUES (99, 'x', 'y')")) {
                ps.executeUpdate();
                try (java.sql.ResultSet keys = ps.getGeneratedKeys()) {
                    assertThat(keys == null || !keys.next()).isTrue();
                }
            }
            // the ids the archive returns are still SQLite's own row ids, in insertion order
            long first = a.storeDelta(delta("sat-1", 1, 7, new float[16], 0), EnumSet.noneOf(DeltaFlag.class), T0).orElseThrow();
            long second = a.storeDelta(delta("sat-2", 2, 7, new float[16], 0), EnumSet.noneOf(DeltaFlag.class), T0).orElseThrow();
            assertThat(a.query("SELECT id FROM deltas ORDER BY rowid", rs -> rs.getLong(1))).containsExactly(first, second);
            assertThat(second).isEqualTo(first + 1);
        }
    }
}
