package io.onorbit.verification.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run keeps the spacecraft's emulated flash (queue files, checkpoints): a fresh folder on
 * a RAM file system when the machine has one ({@code /dev/shm}), else in the temporary folder.
 * The storage code runs unchanged (same writes, flushes and renames); RAM only takes the disk's
 * latency out of the simulation's wall time. The caller deletes the folder.
 */
public final class FlightStorage {

    private static final Path RAM = Path.of("/dev/shm");

    private FlightStorage() {
    }

    /** @return a new empty folder for one run's flight storage */
    public static Path newRunFolder() {
        try {
            if (Files.isDirectory(RAM) && Files.isWritable(RAM)) {
                return Files.createTempDirectory(RAM, "onorbit-flight-");
            }
            return Files.createTempDirectory("onorbit-flight-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the flight storage", e);
        }
    }
}
