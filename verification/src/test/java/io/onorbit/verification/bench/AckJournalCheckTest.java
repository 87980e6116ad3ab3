package io.onorbit.verification.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.verification.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ground's acknowledgement journal and the kill -9 benchmark's check against it: every line
 * of a run's journal names a delta its archive holds, and a delta missing from the archive (or a
 * line for a delta never stored) is counted, not passed.
 */
class AckJournalCheckTest {

    @TempDir
    Path tmp;

    private static String minimal() {
        return Path.of(System.getProperty("onorbit.repo.root", ".."), "mission-configs", "minimal.yaml").toString();
    }

    @Test
    void everyAcknowledgedDeltaIsInTheArchiveAndAMissingOneIsCounted() throws Exception {
        Path out = tmp.resolve("run");
        Path journal = tmp.resolve("acks.log");
        CliRun r = CliRun.of("simulate", minimal(), "--days", "0.5", "--out", out.toString(), "--ack-journal",
                journal.toString(), "--quiet", "--demo-keys-from-seed");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> acks = Files.readAllLines(journal);
        assertThat(acks).isNotEmpty().allMatch(l -> l.matches("\\S+Z sat-1 \\d+"));

        Path archive = out.resolve("archive.db");
        assertThat(KillNineBenchmark.integrity(archive)).isEqualTo("ok");
        Set<String> stored = KillNineBenchmark.storedDeltas(archive);
        assertThat(stored).hasSize(acks.size());
        assertThat(KillNineBenchmark.missing(acks, stored)).isZero();

        // A line for a delta the archive never stored is missing.
        List<String> forged = new ArrayList<>(acks);
        forged.add(acks.get(0).replaceAll("\\d+$", "999999"));
        assertThat(KillNineBenchmark.missing(forged, stored)).isEqualTo(1);

        // A delta lost from the archive is missing.
        Path copy = Files.copy(archive, tmp.resolve("copy.db"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = OFF");
            s.execute("DELETE FROM lineage WHERE delta_id = (SELECT max(id) FROM deltas)");
            s.execute("DELETE FROM reviews WHERE delta_id = (SELECT max(id) FROM deltas)");
            s.execute("DELETE FROM deltas WHERE id = (SELECT max(id) FROM deltas)");
        }
        assertThat(KillNineBenchmark.missing(acks, KillNineBenchmark.storedDeltas(copy))).isEqualTo(1);
    }

    @Test
    void theJournalIsNeverWrittenOverAnExistingFile() throws Exception {
        Path journal = Files.writeString(tmp.resolve("acks.log"), "mine");
        CliRun r = CliRun.of("simulate", minimal(), "--days", "0.1", "--out", tmp.resolve("o").toString(), "--ack-journal",
                journal.toString());
        assertThat(r.code()).isEqualTo(io.onorbit.verification.cli.ExitCode.BAD_INPUT);
        assertThat(r.err().strip()).startsWith("error: --ack-journal ").doesNotContain("\n");
        assertThat(journal).content().isEqualTo("mine");
        assertThat(tmp.resolve("o")).doesNotExist();
    }
}
