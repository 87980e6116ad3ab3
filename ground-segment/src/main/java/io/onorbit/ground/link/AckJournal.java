package io.onorbit.ground.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An append-only record of the deltas the ground acknowledged, one line each,
 * {@code <ISO-8601 UTC time> <satellite> <delta sequence>}, written after the delta's archive commit
 * and before its acknowledgement is queued for the spacecraft. Each line goes to the operating
 * system in one write call as it happens, so it survives the process being killed outright (it is
 * not forced to the disk: a power loss may lose the last lines). An independent witness of what
 * the archive must hold, for crash tests and audits.
 */
public final class AckJournal implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;

    private AckJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * @param file a file that does not exist yet (created like any other file)
     * @return the journal
     * @throws UncheckedIOException if the file exists or cannot be created
     */
    public static AckJournal create(Path file) {
        try {
            return new AckJournal(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the acknowledgement journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records one acknowledged delta.
     *
     * @param at        time of the acknowledgement (mission time)
     * @param satellite the satellite's name
     * @param sequence  the delta's sequence number (as the spacecraft numbered it)
     */
    public synchronized void acknowledged(Instant at, String satellite, long sequence) {
        ByteBuffer line = ByteBuffer.wrap((at + " " + satellite + " " + sequence + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the acknowledgement journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the acknowledgement journal " + file + ": " + e.getMessage(), e);
        }
    }
}
