package io.onorbit.verification.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes files so that a reader never takes a partial output for a complete one: a single file
 * goes to a temporary sibling and is renamed over the target; a folder is filled under a
 * temporary sibling name and renamed into place by {@link Folder#commit()}.
 */
public final class AtomicOutput {

    private AtomicOutput() {
    }

    /** Writes {@code text} to {@code file} atomically (temporary sibling, then rename). */
    public static void writeString(Path file, String text) {
        writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to {@code file} atomically. */
    public static void writeBytes(Path file, byte[] bytes) {
        Path abs = file.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
            try {
                Files.write(tmp, bytes);
                move(tmp, abs);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
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
            return new Folder(abs, Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".partial-"));
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

        /** Replaces the target by the finished folder. */
        public void commit() {
            try {
                Path old = null;
                if (Files.exists(target)) {
                    old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
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
