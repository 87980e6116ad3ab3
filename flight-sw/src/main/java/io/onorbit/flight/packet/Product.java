package io.onorbit.flight.packet;

/** What a packet stream carries; each satellite has one APID per product. */
public enum Product {
    /** Weight deltas, spacecraft to ground (telemetry). */
    DELTA(false),
    /** Ground acknowledges a whole delta (telecommand). */
    DELTA_ACK(true),
    /** Ground asks again for missing or corrupted delta segments (telecommand). */
    DELTA_NACK(true),
    /** A global model update, ground to spacecraft (telecommand). */
    MODEL_UPDATE(true),
    /** Spacecraft acknowledges a whole model update (telemetry). */
    UPDATE_ACK(false),
    /** Spacecraft asks again for missing update segments (telemetry). */
    UPDATE_NACK(false);

    private final boolean telecommand;

    Product(boolean telecommand) {
        this.telecommand = telecommand;
    }

    /** @return true if this product flows ground to spacecraft (packet type bit 1) */
    public boolean telecommand() {
        return telecommand;
    }
}
