package io.onorbit.flight.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link FileOps} on a file system held in this process's memory: the emulated flash of a
 * simulated spacecraft. It answers every operation as {@link DiskFileOps} does on a disk (a write
 * into a missing folder, a rename or read of a missing file fail with
 * {@link NoSuchFileException}; a rename replaces its target; {@link #list} is sorted), so the
 * storage code above it runs unchanged, every write, rename and delete in the same order; only the
 * host's system calls are gone (a simulated year made some 300 000 atomic writes, ~10 µs of
 * kernel time each on a RAM disk). Crashes and torn writes are {@link CrashingFileOps}'s, on top
 * of it. Flushes are no-ops: the host never loses power. Paths are compared as given (the flight
 * software builds them all from one folder). Not thread-safe: one spacecraft's flash, driven by
 * one thread at a time.
 */
public final class MemoryFileOps implements FileOps {

    private final Map<Path, byte[]> files = new HashMap<>();
    private final Set<Path> directories = new HashSet<>();

    @Override
    public void write(Path file, byte[] data) throws IOException {
        requireFolder(file);
        if (directories.contains(file)) {
            throw new IOException(file + ": is a directory");
        }
        files.put(file, data.clone());
    }

    @Override
    public void sync(Path file) throws IOException {
        if (!files.containsKey(file)) {
            throw new NoSuchFileException(file.toString());
        }
    }

    @Override
    public void move(Path from, Path to) throws IOException {
        byte[] b = files.get(from);
        if (b == null) {
            throw new NoSuchFileException(from.toString());
        }
        requireFolder(to);
        if (directories.contains(to)) {
            throw new FileAlreadyExistsException(to.toString());
        }
        files.remove(from);
        files.put(to, b);
    }

    @Override
    public void delete(Path file) throws IOException {
        files.remove(file);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        if (!directories.contains(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
    }

    @Override
    public byte[] read(Path file) throws IOException {
        byte[] b = files.get(file);
        if (b == null) {
            throw new NoSuchFileException(file.toString());
        }
        return b.clone();
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        if (!directories.contains(dir)) {
            throw files.containsKey(dir) ? new NotDirectoryException(dir.toString()) : new NoSuchFileException(dir.toString());
        }
        List<Path> out = new ArrayList<>();
        for (Path p : files.keySet()) {
            if (dir.equals(p.getParent())) {
                out.add(p);
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        for (Path d = dir; d != null && !directories.contains(d); d = d.getParent()) {
            if (files.containsKey(d)) {
                throw new FileAlreadyExistsException(d.toString());
            }
            directories.add(d);
        }
    }

    /**
     * @return every file in {@code dir} and in the folders below it, sorted (as
     *         {@code Files.walk(dir)} filtered to regular files and sorted would list them);
     *         none if {@code dir} is not a folder
     */
    public List<Path> filesUnder(Path dir) {
        List<Path> out = new ArrayList<>();
        for (Path p : files.keySet()) {
            if (p.startsWith(dir) && !p.equals(dir)) {
                out.add(p);
            }
        }
        out.sort(null);
        return out;
    }

    private void requireFolder(Path file) throws NoSuchFileException {
        Path parent = file.getParent();
        if (parent != null && !directories.contains(parent)) {
            throw new NoSuchFileException(file.toString());
        }
    }
}
