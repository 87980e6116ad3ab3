package io.onorbit.flight.executive;

import io.onorbit.flight.storage.FileOps;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * One small record kept on flash in {@code slots} redundant files ({@code name.0}, {@code name.1},
 * ...), each replaced atomically and checked by a CRC-32C, each carrying a generation number; the
 * highest valid generation wins. A store writes the new generation into {@code copies} slots,
 * round-robin, oldest first: with two copies a single damaged file never loses the newest value,
 * and a reset between the two writes leaves one whole new copy or none (the caller, reset before
 * the store returned, never used the value). With one copy a damaged newest file falls back to
 * the previous generation. Not thread-safe.
 */
final class RedundantRecord {

    private static final int HEADER_BYTES = 4 + 8 + 4;
    private static final int CRC_BYTES = 4;

    private final FileOps ops;
    /** The slot files, {@code name.0} to {@code name.(slots-1)} in {@code dir}, named once, not at every store. */
    private final Path[] slotPaths;
    private final int slots;
    private final int copies;
    private final int magic;
    private long generation;
    private int nextSlot;
    private int damaged;

    /**
     * @param ops   flash operations
     * @param dir   folder on flash
     * @param name  file name stem
     * @param slots  files, &ge; 2
     * @param copies files written per store, in [1, slots - 1] (one slot always keeps the previous value)
     * @param magic  format tag of this record
     */
    RedundantRecord(FileOps ops, Path dir, String name, int slots, int copies, int magic) {
        if (slots < 2 || copies < 1 || copies >= slots) {
            throw new IllegalArgumentException("slots " + slots + " must be >= 2 and copies " + copies + " in [1, slots)");
        }
        this.copies = copies;
        this.ops = ops;
        this.slots = slots;
        this.slotPaths = new Path[slots];
        for (int i = 0; i < slots; i++) {
            slotPaths[i] = dir.resolve(name + "." + i);
        }
        this.magic = magic;
    }

    /** @return the body of the newest valid copy, or empty if there is none */
    Optional<byte[]> load() throws IOException {
        byte[] best = null;
        long bestGeneration = -1;
        int bestSlot = -1;
        long[] generations = new long[slots];
        java.util.Arrays.fill(generations, -1);
        damaged = 0;
        for (int i = 0; i < slots; i++) {
            byte[] all;
            try {
                all = ops.read(slot(i));
            } catch (NoSuchFileException e) {
                continue;
            }
            Optional<byte[]> body = parse(all);
            if (body.isEmpty()) {
                damaged++;
                continue;
            }
            long g = ByteBuffer.wrap(all).getLong(4);
            generations[i] = g;
            if (g > bestGeneration) {
                bestGeneration = g;
                best = body.get();
                bestSlot = i;
            }
        }
        generation = Math.max(bestGeneration, 0);
        // Overwrite the oldest (damaged or missing first), so the newest copies survive the next store.
        nextSlot = 0;
        for (int i = 1; i < slots; i++) {
            if (generations[i] < generations[nextSlot]) {
                nextSlot = i;
            }
        }
        return Optional.ofNullable(best);
    }

    /** @return copies found damaged by the last {@link #load} */
    int damagedSlots() {
        return damaged;
    }

    /** Writes {@code body} as the newest copy, replacing the oldest slot. */
    void store(byte[] body) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + body.length + CRC_BYTES);
        b.putInt(magic).putLong(++generation).putInt(body.length).put(body);
        b.putInt(crc(b.array(), b.position()));
        for (int i = 0; i < copies; i++) {
            ops.writeAtomically(slot(nextSlot), b.array());
            nextSlot = (nextSlot + 1) % slots;
        }
    }

    private Optional<byte[]> parse(byte[] all) {
        if (all.length < HEADER_BYTES + CRC_BYTES) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(all);
        int len = b.getInt(12);
        if (b.getInt(0) != magic || len != all.length - HEADER_BYTES - CRC_BYTES
                || crc(all, all.length - CRC_BYTES) != b.getInt(all.length - CRC_BYTES)) {
            return Optional.empty();
        }
        byte[] body = new byte[len];
        System.arraycopy(all, HEADER_BYTES, body, 0, len);
        return Optional.of(body);
    }

    private Path slot(int i) {
        return slotPaths[i];
    }

    private static int crc(byte[] b, int len) {
        CRC32C c = new CRC32C();
        c.update(b, 0, len);
        return (int) c.getValue();
    }
}
