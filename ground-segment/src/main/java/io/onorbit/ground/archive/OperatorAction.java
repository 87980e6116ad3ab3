package io.onorbit.ground.archive;

/**
 * One operator action in the archive's audit trail beyond the per-delta decisions of
 * {@link ReviewEntry}: storing a global version, and every time an operator overruled a check.
 *
 * @param kind   what was done
 * @param target what it was done to ("delta 12", "v3")
 * @param by     who, why and when
 */
public record OperatorAction(Kind kind, String target, Attribution by) {

    /** What an operator did. */
    public enum Kind {
        /** Stored a new global version. */
        AGGREGATE,
        /** Approved a delta that had been rejected. */
        OVERRIDE_REJECTION,
        /** Approved a delta, or stored a version, that the validation set scores worse than the current model. */
        ACCEPT_WORSE
    }
}
