package io.onorbit.flight.learning.task;

/**
 * The regular sample grid of a synthetic task stream: sample i is at {@code i * periodS} s, and
 * the stream holds {@code floor(durationS / periodS)} samples. Mutable; one per stream.
 */
final class SampleClock {

    private final double periodS;
    private final long samples;
    private long index = -1;

    /**
     * @param periodS   time between samples, s (&gt; 0)
     * @param durationS stream length, s (&ge; periodS)
     */
    SampleClock(double periodS, double durationS) {
        this.periodS = periodS;
        this.samples = (long) Math.floor(durationS / periodS);
    }

    /** @return true if another sample follows */
    boolean hasNext() {
        return index + 1 < samples;
    }

    /** Moves to the next sample and returns its time, s. */
    double advance() {
        index++;
        return timeS();
    }

    /** @return time of the current sample, s (negative before the first) */
    double timeS() {
        return index * periodS;
    }

    /** @return time of the last sample, s */
    double lastTimeS() {
        return (samples - 1) * periodS;
    }

    /** @return index of the current sample (-1 before the first) */
    long index() {
        return index;
    }
}
