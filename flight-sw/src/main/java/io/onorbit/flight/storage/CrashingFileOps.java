package io.onorbit.flight.storage;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Simulates a reset of the flight computer: lets {@code stepsBeforeCrash} mutating operations
 * through, then throws {@link SimulatedCrash} on the next (and every later) one, until
 * {@link #reboot()}. A write that crashes leaves a torn prefix of its data behind, as a reset
 * mid-write would.
 *
 * <p>{@code fsync} is honoured: a file written but not yet flushed with {@link #sync} when the
 * crash strikes (or when {@link #powerCut()} is called between operations) is left torn, half
 * its bytes, because its data were still in the write cache; a flushed file survives whole. A
 * rename carries the file's flushed state with it. Reads pass.
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
    private long stepsBeforeCrash;
    private long steps;
    private final Set<Path> unsynced = new LinkedHashSet<>();

    /**
     * @param delegate         the real operations
     * @param stepsBeforeCrash mutating operations allowed before the crash, &ge; 0
     */
    public CrashingFileOps(FileOps delegate, int stepsBeforeCrash) {
        this.delegate = delegate;
        this.stepsBeforeCrash = stepsBeforeCrash;
    }

    /** @return operations that never crash until {@link #crashAfter} arms them */
    public static CrashingFileOps unarmed(FileOps delegate) {
        CrashingFileOps c = new CrashingFileOps(delegate, 0);
        c.stepsBeforeCrash = Long.MAX_VALUE;
        return c;
    }

    /** Arms a reset that strikes after {@code more} further mutating operations (0: the next one). */
    public void crashAfter(int more) {
        if (more < 0) {
            throw new IllegalArgumentException("more " + more + " must be >= 0");
        }
        stepsBeforeCrash = steps + more;
    }

    /**
     * A reset between operations: every file not yet flushed is torn. Leaves the operations
     * disarmed (the next boot works normally).
     */
    public void powerCut() throws IOException {
        tearUnsynced();
        stepsBeforeCrash = Long.MAX_VALUE;
    }

    /** After a crash: the flight computer boots again, operations work normally. */
    public void reboot() {
        stepsBeforeCrash = Long.MAX_VALUE;
    }

    /** @return mutating operations performed or attempted so far */
    public long steps() {
        return steps;
    }

    /** @return true once the armed crash has happened (until {@link #reboot}) */
    public boolean crashed() {
        return steps > stepsBeforeCrash;
    }

    /**
     * Counts one mutating operation and strikes the armed reset. The operation is described only
     * when the reset strikes: a simulated year makes some 330 000 operations, almost none of them crash.
     */
    private void step(String op, Path file, Path other) throws IOException {
        steps++;
        if (steps > stepsBeforeCrash) {
            tearUnsynced();
            String what = op + (file == null ? "" : " " + file.getFileName()) + (other == null ? "" : " -> " + other.getFileName());
            throw new SimulatedCrash("simulated reset at step " + steps + " (" + what + ")");
        }
    }

    private void tearUnsynced() throws IOException {
        for (Path f : unsynced) {
            byte[] b;
            try {
                b = delegate.read(f);
            } catch (NoSuchFileException gone) {
                continue;
            }
            delegate.write(f, java.util.Arrays.copyOf(b, b.length / 2));
        }
        unsynced.clear();
    }

    @Override
    public void write(Path file, byte[] data) throws IOException {
        if (steps + 1 > stepsBeforeCrash) {
            delegate.write(file, java.util.Arrays.copyOf(data, data.length / 2)); // torn write
        }
        step("write", file, null);
        delegate.write(file, data);
        unsynced.add(file);
    }

    @Override
    public void sync(Path file) throws IOException {
        step("sync", file, null);
        delegate.sync(file);
        unsynced.remove(file);
    }

    @Override
    public void move(Path from, Path to) throws IOException {
        step("move", from, to);
        delegate.move(from, to);
        unsynced.remove(to);
        if (unsynced.remove(from)) {
            unsynced.add(to);
        }
    }

    @Override
    public void delete(Path file) throws IOException {
        step("delete", file, null);
        delegate.delete(file);
        unsynced.remove(file);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        step("sync dir", null, null);
        delegate.syncDirectory(dir);
    }

    @Override
    public byte[] read(Path file) throws IOException {
        return delegate.read(file);
    }

    /** Passed through, not a step: folders are made at boot, before any write a reset could tear. */
    @Override
    public void createDirectories(Path dir) throws IOException {
        delegate.createDirectories(dir);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        return delegate.list(dir);
    }
}
