package io.onorbit.orbit.events;

import java.util.Objects;

/**
 * An eclipse interval, s since the timeline's epoch. A penumbra interval is the whole time any part
 * of the Sun is hidden (it contains the umbra interval); an umbra interval the time all of it is.
 *
 * @param kind     umbra or penumbra
 * @param startS   start, s
 * @param endS     end, s (&gt; startS)
 * @param startCut true if already in shadow at the span's start (start cut there)
 * @param endCut   true if still in shadow at the span's end (end cut there)
 */
public record Eclipse(ShadowKind kind, double startS, double endS, boolean startCut, boolean endCut) {

    public Eclipse {
        Objects.requireNonNull(kind, "kind");
        if (!(endS > startS)) {
            throw new IllegalArgumentException(kind + " eclipse: endS " + endS + " must be after startS " + startS);
        }
    }

    /** @return duration, s */
    public double durationS() {
        return endS - startS;
    }
}
