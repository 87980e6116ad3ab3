package io.onorbit.ground.archive;

/** Where a delta is in the review workflow. */
public enum DeltaStatus {
    /** Ingested, waiting for an operator. */
    PENDING,
    /** Approved by an operator; eligible for the next aggregation. */
    APPROVED,
    /** Rejected by an operator; never aggregated. */
    REJECTED,
    /** Approved and already merged into a global version (see that version's lineage). */
    MERGED
}
