package io.onorbit.verification.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an output folder may replace, and that what it writes is readable by others. */
class AtomicOutputTest {

    @TempDir
    Path tmp;

    @Test
    void inspectTellsNewEmptyOnOrbitAndForeignFoldersApart() throws Exception {
        assertThat(AtomicOutput.inspect(tmp.resolve("new")).occupancy()).isEqualTo(AtomicOutput.Occupancy.ABSENT);
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThat(AtomicOutput.inspect(empty).occupancy()).isEqualTo(AtomicOutput.Occupancy.EMPTY);
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        assertThat(AtomicOutput.inspect(file).occupancy()).isEqualTo(AtomicOutput.Occupancy.NOT_A_FOLDER);

        Path ours = Files.createDirectories(tmp.resolve("ours/plots"));
        Files.writeString(ours.resolve("a.png"), "png");
        Files.writeString(tmp.resolve("ours/archive.db"), "db");
        AtomicOutput.mark(tmp.resolve("ours"));
        // SQLite may leave its journal files next to a listed database: still ours.
        Files.writeString(tmp.resolve("ours/archive.db-wal"), "wal");
        assertThat(AtomicOutput.inspect(tmp.resolve("ours")).occupancy()).isEqualTo(AtomicOutput.Occupancy.ONORBIT_OUTPUT);

        Files.writeString(tmp.resolve("ours/notes.txt"), "the user's");
        AtomicOutput.Inspection seen = AtomicOutput.inspect(tmp.resolve("ours"));
        assertThat(seen.occupancy()).isEqualTo(AtomicOutput.Occupancy.FOREIGN);
        assertThat(seen.foreign()).contains("notes.txt");

        Path theirs = Files.createDirectory(tmp.resolve("theirs"));
        Files.writeString(theirs.resolve("mission.yaml"), "m");
        assertThat(AtomicOutput.inspect(theirs).foreign()).contains("mission.yaml");
    }

    @Test
    void commitLeavesAFolderAloneIfAForeignFileAppearedAfterTheCheck() throws Exception {
        Path out = Files.createDirectory(tmp.resolve("out"));
        try (AtomicOutput.Folder f = AtomicOutput.folder(out)) {
            Files.writeString(f.dir().resolve("summary.json"), "{}");
            Files.writeString(out.resolve("thesis.tex"), "written meanwhile");
            assertThatThrownBy(f::commit).isInstanceOf(UncheckedIOException.class).hasMessageContaining("thesis.tex");
        }
        assertThat(out.resolve("thesis.tex")).content().isEqualTo("written meanwhile");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("out");
        }
    }

    @Test
    void aCommittedFolderIsMarkedListsItsFilesAndIsReadableByOthers() throws Exception {
        Path out = tmp.resolve("report");
        try (AtomicOutput.Folder f = AtomicOutput.folder(out)) {
            Files.createDirectories(f.dir().resolve("plots"));
            AtomicOutput.writeString(f.dir().resolve("plots/soc.png"), "png");
            AtomicOutput.writeString(f.dir().resolve("index.html"), "<html>");
            f.commit();
        }
        assertThat(out.resolve(AtomicOutput.MARKER)).content().contains("index.html\n", "plots/soc.png\n");
        assertThat(AtomicOutput.inspect(out).occupancy()).isEqualTo(AtomicOutput.Occupancy.ONORBIT_OUTPUT);
        if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
            // What the user's umask gives a plain new file and folder here (0644 / 0755 under umask 022).
            Set<PosixFilePermission> plainFile = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("plain")));
            Set<PosixFilePermission> plainDir = Files.getPosixFilePermissions(Files.createDirectory(tmp.resolve("plain-dir")));
            assertThat(Files.getPosixFilePermissions(out)).isEqualTo(plainDir);
            assertThat(Files.getPosixFilePermissions(out.resolve("plots"))).isEqualTo(plainDir);
            assertThat(Files.getPosixFilePermissions(out.resolve("index.html"))).isEqualTo(plainFile);
            assertThat(Files.getPosixFilePermissions(out.resolve("plots/soc.png"))).isEqualTo(plainFile);
            if (plainFile.contains(PosixFilePermission.OTHERS_READ)) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("index.html")))).endsWith("r--");
            }
        }
    }
}
