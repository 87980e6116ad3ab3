package io.onorbit.orbit.events;

import java.util.Objects;

/**
 * A pass as the station's antenna sees it: look angles at acquisition, at the time of closest
 * approach (highest elevation) and at loss of signal.
 *
 * @param aos at AOS (or at the span start if the pass was cut there)
 * @param tca at the highest elevation
 * @param los at LOS (or at the span end if the pass was cut there)
 */
public record PassGeometry(LookAngle aos, LookAngle tca, LookAngle los) {

    public PassGeometry {
        Objects.requireNonNull(aos, "aos");
        Objects.requireNonNull(tca, "tca");
        Objects.requireNonNull(los, "los");
    }
}
