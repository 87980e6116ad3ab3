package io.onorbit.ground.archive;

/**
 * An automatic warning attached to a downlinked delta; flags inform the operator, they do not
 * reject. {@link #blocksAutomaticApproval()} says which ones the automatic operator (the closed
 * loop's stand-in for a person) will not approve on its own.
 */
public enum DeltaFlag {
    /** Some value is NaN or infinite. */
    NON_FINITE(true),
    /** The L2 norm is above median + k x MAD of the constellation's recent delta norms. */
    NORM_OUTLIER(true),
    /**
     * The delta builds on a global version older than the current one. Informational only:
     * asynchronous aggregation down-weights it by its staleness (FedBuff), it is never rejected
     * for that alone.
     */
    STALE_BASE(false),
    /** The satellite reports it trained on zero samples. */
    ZERO_SAMPLES(true),
    /** The base digest the satellite reports differs from the ground's record of that version. */
    DIGEST_MISMATCH(true);

    private final boolean blocksAutomaticApproval;

    DeltaFlag(boolean blocksAutomaticApproval) {
        this.blocksAutomaticApproval = blocksAutomaticApproval;
    }

    /**
     * @return true if the automatic operator rejects a delta carrying this flag (it cannot be
     *         merged safely without a person looking); false for a flag the aggregation itself
     *         accounts for
     */
    public boolean blocksAutomaticApproval() {
        return blocksAutomaticApproval;
    }
}
