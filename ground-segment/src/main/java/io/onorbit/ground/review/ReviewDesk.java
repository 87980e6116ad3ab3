package io.onorbit.ground.review;

import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.archive.DeltaStatus;
import java.time.Instant;
import java.util.List;

/**
 * Operator decisions on archived deltas, each one kept in the archive's audit trail (who, when,
 * why). {@link #approveUnflagged} is the automatic operator a closed-loop simulation uses.
 */
public final class ReviewDesk {

    private final Archive archive;

    public ReviewDesk(Archive archive) {
        this.archive = archive;
    }

    /** Approves a delta for the next aggregation. */
    public void approve(long deltaId, String operator, String reason, Instant at) {
        archive.review(deltaId, DeltaStatus.APPROVED, operator, reason, at);
    }

    /** Rejects a delta: it is never aggregated. */
    public void reject(long deltaId, String operator, String reason, Instant at) {
        archive.review(deltaId, DeltaStatus.REJECTED, operator, reason, at);
    }

    /**
     * Approves every pending delta with no flags and rejects every pending flagged one, as
     * {@code operator} (e.g. "auto"), each with a reason naming the rule.
     *
     * @return ids approved (rejected ones are in the audit trail)
     */
    public List<Long> approveUnflagged(String operator, Instant at) {
        List<DeltaRecord> pending = archive.deltas(DeltaStatus.PENDING);
        for (DeltaRecord d : pending) {
            if (d.flags().isEmpty()) {
                approve(d.id(), operator, "automatic: no flags", at);
            } else {
                reject(d.id(), operator, "automatic: flagged " + d.flags(), at);
            }
        }
        return pending.stream().filter(d -> d.flags().isEmpty()).map(DeltaRecord::id).toList();
    }
}
