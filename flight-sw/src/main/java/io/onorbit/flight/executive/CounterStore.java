package io.onorbit.flight.executive;

import io.onorbit.flight.storage.FileOps;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@link PersistentCounters} on flash, in three CRC-checked slots ({@code counters.0..2}), each
 * store writing two of them, so one damaged file never loses the newest counters. Reading takes the newest valid copy; a boot
 * that finds none starts from {@link PersistentCounters#initial()} raised to whatever the
 * checkpoint remembers, so only the loss of every copy and the checkpoint together could let a
 * counter go back. Not thread-safe; owned by the executive.
 */
public final class CounterStore {

    static final int SLOTS = 3;
    private static final int MAGIC = 0x4F424331; // "OBC1"

    private final RedundantRecord record;
    private PersistentCounters current = PersistentCounters.initial();

    /**
     * @param ops flash operations
     * @param dir folder on flash
     */
    public CounterStore(FileOps ops, Path dir) {
        this.record = new RedundantRecord(ops, dir, "counters", SLOTS, 2, MAGIC);
    }

    /** @return the newest valid counters on flash, or the initial ones if none */
    public PersistentCounters load() throws IOException {
        current = record.load().flatMap(PersistentCounters::decode).orElse(PersistentCounters.initial());
        return current;
    }

    /** @return copies found damaged by the last load */
    public int damagedSlots() {
        return record.damagedSlots();
    }

    /** Persists {@code next} (before anything that depends on it is used). */
    public void store(PersistentCounters next) throws IOException {
        record.store(next.encode());
        current = next;
    }

    /** @return the counters last loaded or stored */
    public PersistentCounters current() {
        return current;
    }
}
