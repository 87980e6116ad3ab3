package io.onorbit.ground.archive;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Copies an SQLite archive's write-ahead log into the database file from a thread and connection
 * of its own, so that the writer's commits do not do it themselves. The copy (a checkpoint) is
 * where SQLite syncs to disk under {@code synchronous = NORMAL}: two {@code fsync}s, milliseconds
 * each on a loaded disk, that the writer's thread would otherwise wait for in the middle of a commit
 * (the writer still syncs the log's new header when it starts the log over after a checkpoint).
 *
 * <p>The thread looks at the log's length every {@code poll} (the wal-index header's {@code mxFrame},
 * the number of valid frames in the log; <a href="https://www.sqlite.org/walformat.html">the WAL file
 * formats</a>, section 2.1, read from the memory-mapped {@code -shm} file, no system call) and copies
 * the log once it holds {@code triggerFrames} frames, below the writer's own automatic checkpoint (1 000
 * pages), so the log is synced about as often as before and the writer's checkpoint stays on as the
 * fallback if this thread falls behind.
 *
 * <p>Durability is unchanged: a commit is in the log file when it returns, whoever copies the log
 * later. A checkpoint never blocks the writer or a reader ({@code PASSIVE}: it copies what no
 * reader still needs and returns).
 *
 * <p>Failures are not hidden: a checkpoint that fails for any reason but a busy database stops
 * the thread, and {@link #close} throws it.
 */
public final class WalCheckpointer implements AutoCloseable {

    /** Offset of {@code mxFrame} (u32, native byte order) in the wal-index header. */
    private static final int MX_FRAME_OFFSET = 16;

    private final Connection connection;
    private final java.nio.MappedByteBuffer walIndex;
    private final Thread thread;
    private final long pollNanos;
    private final long triggerFrames;
    private final String where;
    private volatile boolean stopping;
    private volatile long checkpoints;
    private volatile SQLException failure;

    private WalCheckpointer(Connection connection, java.nio.MappedByteBuffer walIndex, Duration poll, int triggerFrames,
                            String where) {
        this.connection = connection;
        this.walIndex = walIndex;
        this.pollNanos = poll.toNanos();
        this.triggerFrames = triggerFrames;
        this.where = where;
        this.thread = new Thread(this::run, "archive-checkpointer");
        thread.setDaemon(true); // a run that ends without close() must not be kept alive by it
    }

    /**
     * Starts checkpointing {@code file} (an SQLite archive in WAL mode that an {@link Archive} has opened).
     *
     * @param file          the archive file
     * @param poll          time between two looks at the log's length, positive
     * @param triggerFrames log length that starts a checkpoint, frames (pages), at least 1
     * @return the running checkpointer; close it before the archive
     * @throws IllegalArgumentException if {@code poll} is not positive or {@code triggerFrames} &lt; 1
     * @throws ArchiveException         if the file cannot be opened, or is not in WAL mode
     */
    public static WalCheckpointer start(Path file, Duration poll, int triggerFrames) {
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("checkpoint poll " + poll + " must be positive");
        }
        if (triggerFrames < 1) {
            throw new IllegalArgumentException("checkpoint trigger " + triggerFrames + " frames must be at least 1");
        }
        String where = "archive " + file;
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                    throw new ArchiveException(where + ": not in WAL mode, nothing to checkpoint");
                }
            }
            java.nio.MappedByteBuffer index;
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(
                    file.resolveSibling(file.getFileName() + "-shm"), java.nio.file.StandardOpenOption.READ)) {
                index = ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, MX_FRAME_OFFSET + Integer.BYTES);
            }
            index.order(java.nio.ByteOrder.nativeOrder());
            WalCheckpointer w = new WalCheckpointer(c, index, poll, triggerFrames, where);
            w.thread.start();
            return w;
        } catch (SQLException | java.io.IOException e) {
            closeQuietly(c);
            throw new ArchiveException(where + ": cannot open for checkpoints (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing with a better reason
            }
        }
    }

    /** @return frames in the log now (a racy read of a counter SQLite updates in shared memory: a trigger, not a figure) */
    private long framesInLog() {
        return walIndex.getInt(MX_FRAME_OFFSET) & 0xffff_ffffL;
    }

    private void run() {
        try (Statement s = connection.createStatement()) {
            // The log length wholly copied: until the writer appends or starts the log over, nothing new.
            // Only a complete copy counts: a reader's open snapshot stops a passive checkpoint short of the
            // log's end, and the frames after its mark must be copied once that reader is gone.
            long copied = -1;
            while (!stopping) {
                long frames = framesInLog();
                if (frames < triggerFrames || frames == copied) {
                    LockSupport.parkNanos(pollNanos);
                    continue;
                }
                try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                    // one row: busy flag (0: done), frames in the log, frames now copied into the database
                    if (rs.next()) {
                        if (rs.getInt(1) == 0) {
                            checkpoints++;
                        }
                        long logFrames = rs.getLong(2);
                        copied = rs.getLong(3) == logFrames ? logFrames : -1;
                    }
                } catch (SQLException e) {
                    if (!Archive.isBusy(e)) {
                        throw e;
                    }
                }
                LockSupport.parkNanos(pollNanos); // short of the end (a reader, or busy): ask again next poll
            }
        } catch (SQLException e) {
            failure = e;
        }
    }

    /** @return checkpoints completed so far */
    public long checkpoints() {
        return checkpoints;
    }

    /** Stops the thread (waiting for a checkpoint in progress) and closes its connection. */
    @Override
    public void close() {
        stopping = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new ArchiveException(where + ": checkpoint failed (" + failure.getMessage() + ")", failure);
        }
    }
}
