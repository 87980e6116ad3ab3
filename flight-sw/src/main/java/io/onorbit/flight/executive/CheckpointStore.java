package io.onorbit.flight.executive;

import io.onorbit.flight.storage.FileOps;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The learner's {@link Checkpoint} on flash in two CRC-checked slots ({@code checkpoint.0/1})
 * written alternately and atomically, so a reset during a checkpoint, or a damaged file, falls
 * back to the previous checkpoint; with neither valid the executive boots the golden image.
 */
public final class CheckpointStore {

    private static final int MAGIC = 0x4F434B31; // "OCK1"

    private final RedundantRecord record;
    private final int dimension;

    /**
     * @param ops       flash operations
     * @param dir       folder on flash
     * @param dimension parameter count of the model
     */
    public CheckpointStore(FileOps ops, Path dir, int dimension) {
        this.record = new RedundantRecord(ops, dir, "checkpoint", 2, 1, MAGIC);
        this.dimension = dimension;
    }

    /** @return the newest valid checkpoint, or empty */
    public Optional<Checkpoint> load() throws IOException {
        return record.load().flatMap(b -> Checkpoint.decode(b, dimension));
    }

    /** @return copies found damaged by the last load */
    public int damagedSlots() {
        return record.damagedSlots();
    }

    public void store(Checkpoint c) throws IOException {
        record.store(c.encode());
    }
}
