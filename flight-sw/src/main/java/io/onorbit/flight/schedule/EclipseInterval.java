package io.onorbit.flight.schedule;

import java.util.Objects;

/**
 * An eclipse interval. A {@link Kind#PENUMBRA} interval is the whole time any part of the Sun is
 * hidden (it contains the umbra); {@link Kind#UMBRA} is the time all of it is hidden.
 *
 * @param kind   umbra or penumbra
 * @param startS start, s since the schedule epoch
 * @param endS   end, s since the schedule epoch (&gt; startS)
 */
public record EclipseInterval(Kind kind, double startS, double endS) {

    /** Which part of the shadow. */
    public enum Kind { UMBRA, PENUMBRA }

    public EclipseInterval {
        Objects.requireNonNull(kind, "kind");
        if (!(endS > startS)) {
            throw new IllegalArgumentException(kind + " eclipse: endS " + endS + " must be after startS " + startS);
        }
    }

    /** @return duration, s */
    public double durationS() {
        return endS - startS;
    }

    /** @return true if {@code tS} lies in [startS, endS) */
    public boolean contains(double tS) {
        return tS >= startS && tS < endS;
    }
}
