package io.onorbit.ground.review;

import io.onorbit.ground.aggregation.Aggregator;
import io.onorbit.ground.aggregation.ModelEvaluator;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.Attribution;
import io.onorbit.ground.archive.GlobalVersion;
import io.onorbit.ground.archive.OperatorAction;
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
     * An operator's approval. Refused (IllegalArgumentException naming why) if the delta was
     * rejected and {@code overrideRejection} is false, or if {@code check} says the model it makes is
     * worse and {@code acceptWorse} is false; an override and an accepted worse model are each
     * recorded as an action with the operator's reason.
     *
     * @param check the delta scored against the current model ({@link #checkApproval}), if a validation set is at hand
     * @return the status the delta had before
     */
    public DeltaStatus approve(long deltaId, Attribution by, boolean overrideRejection, java.util.Optional<ValidationCheck> check,
                               boolean acceptWorse) {
        Set<OperatorAction.Kind> waivers = EnumSet.noneOf(OperatorAction.Kind.class);
        if (overrideRejection) {
            waivers.add(OperatorAction.Kind.OVERRIDE_REJECTION);
        }
        if (check.isPresent() && check.get().worse()) {
            if (!acceptWorse) {
                throw new IllegalArgumentException("the model it makes is worse than the current one: " + check.get().describe()
                        + "; not approved unless accepted as worse with a reason");
            }
            waivers.add(OperatorAction.Kind.ACCEPT_WORSE);
        }
        return archive.review(deltaId, DeltaStatus.APPROVED, by, waivers);
    }

    /** An operator's rejection, recorded with who, why and when. @return the status the delta had before */
    public DeltaStatus reject(long deltaId, Attribution by) {
        return archive.review(deltaId, DeltaStatus.REJECTED, by, Set.of());
    }

    /**
     * Scores the model this delta alone would make (the newest global version plus the delta as
     * {@code aggregator} applies it, shrunk by its staleness) against the newest global version.
     *
     * @throws IllegalArgumentException if the delta does not exist, there is no global version, or
     *                                  the delta does not fit it (dimension, base unknown)
     */
    public ValidationCheck checkApproval(long deltaId, ModelEvaluator evaluator, Aggregator aggregator) {
        DeltaRecord d = archive.delta(deltaId).orElseThrow(() -> new IllegalArgumentException("no delta with id " + deltaId));
        GlobalVersion current = archive.latestGlobalFor(d.satellite())
                .orElseThrow(() -> new IllegalArgumentException("the archive has no global model to compare with"));
        float[] base = current.params();
        java.util.OptionalLong staleness = archive.versionsSince(d.baseVersion(), current.version());
        if (d.dimension() != base.length || staleness.isEmpty()) {
            throw new IllegalArgumentException("delta " + deltaId + " does not apply to v" + current.version()
                    + " (dimension " + d.dimension() + ", base v" + d.baseVersion() + ")");
        }
        double[] combined = aggregator.combine(List.of(d.dense()), new long[] {Math.max(1, d.sampleCount())},
                new long[] {staleness.getAsLong()});
        float[] candidate = new float[base.length];
        for (int i = 0; i < base.length; i++) {
            candidate[i] = (float) (base[i] + combined[i]);
        }
        return ValidationCheck.of(evaluator, base, candidate);
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
        // One read per base version: changing flags does not change which deltas are recent.
        java.util.Map<Long, List<Double>> recentByBase = new java.util.HashMap<>();
        for (DeltaRecord d : archive.deltas(DeltaStatus.PENDING)) {
            List<Double> others = new ArrayList<>(recentByBase.computeIfAbsent(d.baseVersion(),
                    base -> archive.recentNorms(policy.window() + 1, base)));
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
