package io.onorbit.flight.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The file operations the queue uses; each mutating call is one step a crash can interrupt. */
public interface FileOps {

    /** Creates or truncates {@code file} and writes {@code data} (not yet durable). */
    void write(Path file, byte[] data) throws IOException;

    /** Flushes {@code file}'s content to the device. */
    void sync(Path file) throws IOException;

    /** Renames atomically, replacing {@code to} if present. */
    void move(Path from, Path to) throws IOException;

    /** Deletes {@code file} if present. */
    void delete(Path file) throws IOException;

    /** Flushes the directory entry changes of {@code dir} to the device. */
    void syncDirectory(Path dir) throws IOException;

    /** @return the whole content of {@code file} */
    byte[] read(Path file) throws IOException;

    /** @return regular files directly in {@code dir} */
    List<Path> list(Path dir) throws IOException;

    /**
     * Creates {@code dir} and any missing parent folders (nothing if it exists). Not one of the
     * steps a crash can interrupt: folders are made once, at boot, before any file is written.
     */
    default void createDirectories(Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir);
    }

    /**
     * Replaces {@code target} in one atomic step: writes a temporary sibling, flushes it, renames
     * it over {@code target}, flushes the directory. A reset at any point leaves the old file or
     * the new one, and perhaps a stray {@code .tmp} to delete.
     */
    default void writeAtomically(Path target, byte[] bytes) throws IOException {
        // String.concat, not +: a + compiles to an invokedynamic whose method-handle tree the JIT
        // inlined (~1 kB of bytecode) into every compilation of a store, several times a step
        writeAtomically(target, bytes, target.resolveSibling(String.valueOf(target.getFileName()).concat(".tmp")));
    }

    /**
     * {@link #writeAtomically(Path, byte[])} through a temporary sibling the caller chose (e.g. one
     * it created exclusively under a fresh name, so that no existing file is ever truncated). The
     * one implementation of an atomic file replacement, for flight storage and report outputs alike.
     *
     * @param tmp a sibling of {@code target} on the same file system
     */
    default void writeAtomically(Path target, byte[] bytes, Path tmp) throws IOException {
        write(tmp, bytes);
        sync(tmp);
        move(tmp, target);
        syncDirectory(target.getParent() != null ? target.getParent() : target.toAbsolutePath().getParent());
    }
}
