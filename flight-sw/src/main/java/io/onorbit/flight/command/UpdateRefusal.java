package io.onorbit.flight.command;

/** Why the spacecraft refused an uplinked model update, in the order the checks run. */
public enum UpdateRefusal {
    /** Shorter than its header announces (or than a header): the pass ended mid-frame. */
    TRUNCATED,
    /** Longer than announced, wrong magic/format, or fields out of range. */
    MALFORMED,
    /** The HMAC does not verify under this satellite's key: forged or corrupted. */
    FORGED,
    /** Authentic, but addressed to another satellite. */
    WRONG_SATELLITE,
    /** Counter not above the last applied one: a replay, or an old update arriving late. */
    REPLAYED,
    /** Target version not newer than the model held. */
    NOT_NEWER,
    /** Builds on a base (version or digest) other than the model held, e.g. arrived before its predecessor. */
    BASE_MISMATCH,
    /** Applying it does not produce the target digest. */
    RESULT_MISMATCH
}
