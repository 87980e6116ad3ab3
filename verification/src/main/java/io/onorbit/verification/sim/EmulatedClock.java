package io.onorbit.verification.sim;

import io.onorbit.flight.executive.SpacecraftClock;

/**
 * The flight computer's real-time clock, emulated: true time plus an offset that clock-jump faults
 * move and the flight software's {@link #set} (from the ground's beacon) clears. Hardware: it
 * survives resets of the flight computer.
 */
final class EmulatedClock implements SpacecraftClock {

    private double trueNowS;
    private double offsetS;

    /** The simulation's true time moved on to {@code trueS}. */
    void advanceTo(double trueS) {
        trueNowS = trueS;
    }

    /** Fault: the clock jumps by {@code deltaS}. */
    void jump(double deltaS) {
        offsetS += deltaS;
    }

    /** @return what the clock shows at true time {@code trueS} */
    double at(double trueS) {
        return trueS + offsetS;
    }

    @Override
    public double nowS() {
        return trueNowS + offsetS;
    }

    @Override
    public void set(double timeS) {
        offsetS = timeS - trueNowS;
    }
}
