package io.onorbit.flight.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@link FileOps} on the real file system (java.nio). */
public final class DiskFileOps implements FileOps {

    private final boolean sync;

    /** Durable operations: {@link #sync} and {@link #syncDirectory} flush to the device. */
    public DiskFileOps() {
        this(true);
    }

    private DiskFileOps(boolean sync) {
        this.sync = sync;
    }

    /**
     * @return operations whose flushes are no-ops: for simulations and tests, where resets are
     *         simulated (see {@link CrashingFileOps}) and the host never loses power
     */
    public static DiskFileOps withoutDeviceFlush() {
        return new DiskFileOps(false);
    }

    @Override
    public void write(Path file, byte[] data) throws IOException {
        Files.write(file, data, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    @Override
    public void sync(Path file) throws IOException {
        if (!sync) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    @Override
    public void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        if (!sync) {
            return;
        }
        // Linux allows fsync on a directory opened for reading; other systems may refuse: best effort.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Not supported here (e.g. Windows): rename is still atomic, only its durability is weaker.
        }
    }

    @Override
    public byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }
}
