package io.onorbit.flight.executive;

/**
 * The flight computer's real-time clock, a hardware port: it keeps running through a reset of
 * the processor and may drift or jump. The executive reads it for every decision and sets it from
 * the ground's time beacon.
 */
public interface SpacecraftClock {

    /** @return the time the clock shows now, s since the schedule epoch */
    double nowS();

    /** Sets the clock to {@code timeS}, s since the schedule epoch. */
    void set(double timeS);
}
