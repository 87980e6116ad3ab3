package io.onorbit.ground.archive;

/** An automatic warning attached to a downlinked delta; flags inform the operator, they do not reject. */
public enum DeltaFlag {
    /** Some value is NaN or infinite. */
    NON_FINITE,
    /** The L2 norm is above median + k x MAD of the constellation's recent delta norms. */
    NORM_OUTLIER,
    /** The delta builds on a global version older than the current one. */
    STALE_BASE,
    /** The satellite reports it trained on zero samples. */
    ZERO_SAMPLES,
    /** The base digest the satellite reports differs from the ground's record of that version. */
    DIGEST_MISMATCH
}
