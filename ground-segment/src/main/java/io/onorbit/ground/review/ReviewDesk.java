package io.onorbit.ground.review;

import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaFlag;
import io.onorbit.ground.archive.DeltaRecord;
import io.onorbit.ground.archive.DeltaStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Operator decisions on archived deltas, each one kept in the archive's audit trail (who, when,
 * why). {@link #autoReview} is the automatic operator a closed-loop simulation uses.
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
     * The automatic operator: approves every pending delta whose flags are all informational (none,
     * or only {@link DeltaFlag#STALE_BASE}, which aggregation weights by staleness) and rejects
     * every pending delta carrying a flag that {@link DeltaFlag#blocksAutomaticApproval() blocks
     * automatic approval}, as {@code operator} (e.g. "auto"), each with a reason naming the flags.
     *
     * @return ids approved (rejected ones are in the audit trail)
     */
    public List<Long> autoReview(String operator, Instant at) {
        List<Long> approved = new ArrayList<>();
        for (DeltaRecord d : archive.deltas(DeltaStatus.PENDING)) {
            Set<DeltaFlag> blocking = blocking(d.flags());
            if (blocking.isEmpty()) {
                approve(d.id(), operator, d.flags().isEmpty() ? "automatic: no flags"
                        : "automatic: flagged " + d.flags() + ", informational only (weighted by staleness)", at);
                approved.add(d.id());
            } else {
                reject(d.id(), operator, "automatic: flagged " + blocking, at);
            }
        }
        return approved;
    }

    /** @return the flags among {@code flags} that the automatic operator rejects for, in enum order */
    public static Set<DeltaFlag> blocking(Set<DeltaFlag> flags) {
        Set<DeltaFlag> out = EnumSet.noneOf(DeltaFlag.class);
        flags.stream().filter(DeltaFlag::blocksAutomaticApproval).forEach(out::add);
        return out;
    }
}
