package io.onorbit.flight.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Simulates a reset of the flight computer: lets {@code stepsBeforeCrash} mutating operations
 * through, then throws {@link SimulatedCrash} on the next (and every later) one. A write that
 * crashes leaves a torn prefix of its data behind, as a reset mid-write would. Reads pass.
 */
public final class CrashingFileOps implements FileOps {

    /** The simulated reset. */
    public static final class SimulatedCrash extends IOException {
        private static final long serialVersionUID = 1L;

        public SimulatedCrash(String message) {
            super(message);
        }
    }

    private final FileOps delegate;
    private final int stepsBeforeCrash;
    private int steps;

    /**
     * @param delegate         the real operations
     * @param stepsBeforeCrash mutating operations allowed before the crash, &ge; 0
     */
    public CrashingFileOps(FileOps delegate, int stepsBeforeCrash) {
        this.delegate = delegate;
        this.stepsBeforeCrash = stepsBeforeCrash;
    }

    /** @return mutating operations performed or attempted so far */
    public int steps() {
        return steps;
    }

    /** @return true once the crash has happened */
    public boolean crashed() {
        return steps > stepsBeforeCrash;
    }

    private void step(String what) throws SimulatedCrash {
        steps++;
        if (steps > stepsBeforeCrash) {
            throw new SimulatedCrash("simulated reset at step " + steps + " (" + what + ")");
        }
    }

    @Override
    public void write(Path file, byte[] data) throws IOException {
        if (steps + 1 > stepsBeforeCrash) {
            delegate.write(file, java.util.Arrays.copyOf(data, data.length / 2)); // torn write
        }
        step("write " + file.getFileName());
        delegate.write(file, data);
    }

    @Override
    public void sync(Path file) throws IOException {
        step("sync " + file.getFileName());
        delegate.sync(file);
    }

    @Override
    public void move(Path from, Path to) throws IOException {
        step("move " + from.getFileName() + " -> " + to.getFileName());
        delegate.move(from, to);
    }

    @Override
    public void delete(Path file) throws IOException {
        step("delete " + file.getFileName());
        delegate.delete(file);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        step("sync dir");
        delegate.syncDirectory(dir);
    }

    @Override
    public byte[] read(Path file) throws IOException {
        return delegate.read(file);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        return delegate.list(dir);
    }
}
