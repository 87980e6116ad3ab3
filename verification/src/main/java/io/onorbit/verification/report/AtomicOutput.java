package io.onorbit.verification.report;

import io.onorbit.flight.storage.DiskFileOps;
import io.onorbit.flight.storage.FileOps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes files so that a reader never takes a partial output for a complete one: a single file
 * goes to a temporary sibling and is renamed over the target; a folder is filled under a
 * temporary sibling name and renamed into place by {@link Folder#commit()}.
 *
 * <p>A committed folder holds a marker file, {@value #MARKER}, listing every file OnOrbit put in
 * it; {@link #inspect} tells such a folder apart from a user's, so that an output never replaces
 * a folder OnOrbit did not write. Temporary files and folders are created like any other file
 * (mode 0666/0777 less the user's umask, so 0644/0755 under the usual 022), not owner-only as
 * {@link Files#createTempFile} would make them: a report is meant to be read by others.
 */
public final class AtomicOutput {

    /** Name of the marker file in every output folder OnOrbit commits. */
    public static final String MARKER = ".onorbit-output";

    private static final String MARKER_HEADER = "# OnOrbit output folder: the files OnOrbit wrote here, one per line";
    /** SQLite's companions of a listed database file, which it may leave next to it. */
    private static final List<String> SQLITE_SIDECARS = List.of("-wal", "-shm", "-journal");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Durable file operations: an output is flushed before it replaces the old one. */
    private static final FileOps DISK = new DiskFileOps();

    private AtomicOutput() {
    }

    /** Writes {@code text} to {@code file} atomically (temporary sibling, then rename). */
    public static void writeString(Path file, String text) {
        writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to {@code file} atomically and durably ({@link FileOps#writeAtomically(Path, byte[], Path)}). */
    public static void writeBytes(Path file, byte[] bytes) {
        Path abs = file.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            // A fresh name created exclusively: an existing file beside the output is never truncated.
            Path tmp = Files.createFile(abs.resolveSibling(tempName(abs, ".tmp")));
            try {
                DISK.writeAtomically(abs, bytes, tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String tempName(Path target, String kind) {
        return "." + target.getFileName() + kind + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** What a path holds, as far as writing an output folder there is concerned. */
    public enum Occupancy {
        /** Nothing: the folder will be new. */
        ABSENT,
        /** An empty folder. */
        EMPTY,
        /** A folder OnOrbit committed earlier, holding only what OnOrbit wrote there. */
        ONORBIT_OUTPUT,
        /** A folder holding something OnOrbit did not write (see {@link Inspection#foreign()}). */
        FOREIGN,
        /** A file or anything else that is not a folder. */
        NOT_A_FOLDER
    }

    /**
     * @param occupancy what the path holds
     * @param foreign   for {@link Occupancy#FOREIGN}, one entry OnOrbit did not write (for the message)
     */
    public record Inspection(Occupancy occupancy, Optional<String> foreign) {
    }

    /**
     * Looks at a would-be output folder without changing it. A folder with the marker still counts
     * as foreign if it holds an entry the marker does not list (the user added a file to it).
     */
    public static Inspection inspect(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return new Inspection(Occupancy.ABSENT, Optional.empty());
        }
        if (!Files.isDirectory(dir)) {
            return new Inspection(Occupancy.NOT_A_FOLDER, Optional.empty());
        }
        List<String> entries;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            entries = new ArrayList<>();
            s.forEach(p -> entries.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            return new Inspection(Occupancy.EMPTY, Optional.empty());
        }
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return new Inspection(Occupancy.FOREIGN, Optional.of(entries.stream().sorted().findFirst().orElseThrow()));
        }
        Set<String> listed;
        try (Stream<String> lines = Files.lines(marker, StandardCharsets.UTF_8)) {
            listed = lines.filter(l -> !l.isBlank() && !l.startsWith("#")).collect(Collectors.toSet());
        } catch (IOException | UncheckedIOException e) {
            return new Inspection(Occupancy.FOREIGN, Optional.of(MARKER + " (unreadable)"));
        }
        Set<String> topLevel = new HashSet<>();
        listed.forEach(l -> topLevel.add(l.split("/", 2)[0]));
        Optional<String> stranger = entries.stream().sorted()
                .filter(e -> !e.equals(MARKER) && !topLevel.contains(e)
                        && SQLITE_SIDECARS.stream().noneMatch(s -> e.endsWith(s) && topLevel.contains(e.substring(0, e.length() - s.length()))))
                .findFirst();
        return stranger.isPresent() ? new Inspection(Occupancy.FOREIGN, stranger) : new Inspection(Occupancy.ONORBIT_OUTPUT, Optional.empty());
    }

    /**
     * Writes the marker into {@code dir}, listing every file now under it (relative paths, '/'
     * separated). For a folder OnOrbit fills in place rather than through {@link #folder}.
     */
    public static void mark(Path dir) {
        mark(dir, new String[0]);
    }

    /**
     * Like {@link #mark(Path)}, also listing files that may appear later while OnOrbit writes
     * (e.g. {@code archive.db-wal}, which a killed run leaves behind with committed data in it).
     */
    public static void mark(Path dir, String... alsoOwned) {
        try (Stream<Path> walk = Files.walk(dir)) {
            String list = Stream.concat(walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')),
                            Stream.of(alsoOwned))
                    .filter(p -> !p.equals(MARKER)).distinct().sorted().collect(Collectors.joining("\n"));
            writeString(dir.resolve(MARKER), MARKER_HEADER + "\n" + list + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param target the folder the output will have when complete
     * @return a temporary sibling folder to fill
     */
    public static Folder folder(Path target) {
        Path abs = target.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            return new Folder(abs, Files.createDirectory(abs.resolveSibling(tempName(abs, ".partial"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output folder next to " + target + ": " + e.getMessage(), e);
        }
    }

    /** A folder being written; {@link #commit()} puts it in place, {@link #close()} discards it if not committed. */
    public static final class Folder implements AutoCloseable {
        private final Path target;
        private final Path work;
        private boolean committed;

        private Folder(Path target, Path work) {
            this.target = target;
            this.work = work;
        }

        /** @return the temporary folder to write into */
        public Path dir() {
            return work;
        }

        /** @return where the folder will be once committed */
        public Path target() {
            return target;
        }

        /**
         * Marks the finished folder as OnOrbit's and puts it in place of the target, which may be
         * absent, an empty folder or an earlier OnOrbit output; anything else found there now (it
         * may have changed since the command checked it) is left alone and this fails.
         */
        public void commit() {
            Inspection now = inspect(target);
            if (now.occupancy() == Occupancy.FOREIGN || now.occupancy() == Occupancy.NOT_A_FOLDER) {
                throw new UncheckedIOException(new IOException(target + " now holds "
                        + now.foreign().orElse("something that is not a folder") + ", which OnOrbit did not write; left alone"));
            }
            mark(work);
            try {
                Path old = null;
                if (now.occupancy() != Occupancy.ABSENT) {
                    old = target.resolveSibling(tempName(target, ".old"));
                    move(target, old);
                }
                move(work, target);
                committed = true;
                if (old != null) {
                    deleteTree(old);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot put output in place at " + target + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (!committed) {
                deleteTree(work);
            }
        }
    }

    /** Deletes a folder and everything in it; missing is fine. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
