package io.onorbit.verification.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's folder for the spacecraft's storage: a fresh folder on a RAM file system when the
 * machine has one ({@code /dev/shm}), else in the temporary folder. The loop's flash itself (queue
 * files, checkpoints, counters) is emulated in memory ({@code flight.storage.MemoryFileOps}) under
 * paths in this folder; the storage code runs unchanged (same writes, flushes and renames). The caller deletes the folder (on exit and on
 * Ctrl-C); a run killed outright cannot, so each folder carries its process id and the next run
 * deletes the folders of processes that no longer exist.
 */
public final class FlightStorage {

    private static final Path RAM = Path.of("/dev/shm");

    private FlightStorage() {
    }

    private static final String PREFIX = "onorbit-flight-";

    /** @return a new empty folder for one run's flight storage */
    public static Path newRunFolder() {
        try {
            Path root = Files.isDirectory(RAM) && Files.isWritable(RAM) ? RAM : Path.of(System.getProperty("java.io.tmpdir"));
            deleteOrphans(root);
            return Files.createTempDirectory(root, PREFIX + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the flight storage", e);
        }
    }

    /** Deletes flight folders whose process is gone (killed with no chance to clean up). */
    private static void deleteOrphans(Path root) {
        try (java.util.stream.Stream<Path> list = Files.list(root)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(PREFIX + "(\\d+)-.*").matcher(name);
                if (m.matches() && Files.isDirectory(p)
                        && ProcessHandle.of(Long.parseLong(m.group(1))).map(h -> !h.isAlive()).orElse(true)) {
                    try (java.util.stream.Stream<Path> walk = Files.walk(p)) {
                        for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(q);
                        }
                    }
                }
            }
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            // best effort: another user's folder, or one being deleted by its own run
        }
    }
}
