package io.onorbit.flight.payload;

/** Power state of the training payload. */
public enum PowerState {
    /** Switched off: draws nothing, trains nothing; arriving samples wait in the buffer. */
    OFF,
    /** Powered, memory retained, not training: draws {@link PayloadSpec#idleW()}. */
    IDLE,
    /** Running the training application: draws {@link PayloadSpec#activeW()}. */
    TRAINING
}
