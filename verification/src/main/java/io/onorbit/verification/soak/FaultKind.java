package io.onorbit.verification.soak;

import java.util.Locale;

/** The kinds of fault a soak injects. */
public enum FaultKind {
    /** The flight computer resets and restarts from what it persisted. */
    RESET,
    /** An unplanned load drains energy from the battery at once. */
    BROWNOUT,
    /** The battery loses part of its capacity for good. */
    BATTERY_CAPACITY,
    /** A whole pass is lost (station down, no carrier). */
    MISSED_PASS,
    /** Random bit errors on the link, both directions. */
    BIT_ERRORS,
    /** Whole packets mangled (truncated or overwritten) on the link. */
    CORRUPTED_PACKET,
    /** A file in the spacecraft's storage is damaged. */
    CORRUPTED_STORAGE,
    /** The flight computer's clock jumps. */
    CLOCK_JUMP,
    /** Forged, replayed and reordered uplink commands injected during passes (see {@link UplinkAttacker}). */
    ATTACKER;

    /** @return the snake_case name used in plans and summaries */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
