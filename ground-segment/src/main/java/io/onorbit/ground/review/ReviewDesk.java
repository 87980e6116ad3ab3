package io.onorbit.ground.review;

import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaFlag;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.archive.DeltaStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
     * Re-checks every pending delta's flags against what the archive holds now, each delta's norm
     * compared with the other recent deltas' (not itself). Call after a pass: a delta that arrived
     * early in the first pass had too little history for the norm test when it was ingested.
     *
     * @return how many pending deltas changed flags
     */
    public int refreshFlags(ReviewPolicy policy) {
        int changed = 0;
        for (DeltaRecord d : archive.deltas(DeltaStatus.PENDING)) {
            List<Double> others = new ArrayList<>(archive.recentNorms(policy.window() + 1, d.baseVersion()));
            others.remove(d.norm()); // itself, if it is among the recent ones
            if (others.size() > policy.window()) {
                others = others.subList(0, policy.window());
            }
            Set<DeltaFlag> flags = policy.auto(d.delta(), archive, others);
            if (!flags.equals(d.flags())) {
                archive.setFlags(d.id(), flags);
                changed++;
            }
        }
        return changed;
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
