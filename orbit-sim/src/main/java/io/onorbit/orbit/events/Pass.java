package io.onorbit.orbit.events;

import java.util.Objects;
import java.util.Optional;

/**
 * One pass of a satellite over a ground station, times in s since the timeline's epoch.
 *
 * @param station             station name
 * @param aosS                acquisition of signal (elevation rises through the mask), s
 * @param losS                loss of signal, s (&gt; aosS)
 * @param maxElevationDeg     highest elevation during the pass, deg
 * @param maxElevationTimeS   when it is reached, s
 * @param aosCut              true if the pass was already under way at the span's start (AOS cut there)
 * @param losCut              true if the pass was still under way at the span's end (LOS cut there)
 * @param geometry            look angles at AOS, TCA and LOS, when the finder computed them
 *                            (orbit-sim's finder does; the Orekit reference does not)
 */
public record Pass(String station, double aosS, double losS, double maxElevationDeg, double maxElevationTimeS,
                   boolean aosCut, boolean losCut, Optional<PassGeometry> geometry) {

    public Pass {
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(geometry, "geometry");
        if (!(losS > aosS)) {
            throw new IllegalArgumentException("pass over " + station + ": losS " + losS + " must be after aosS " + aosS);
        }
    }

    /** A pass without look angles. */
    public Pass(String station, double aosS, double losS, double maxElevationDeg, double maxElevationTimeS,
                boolean aosCut, boolean losCut) {
        this(station, aosS, losS, maxElevationDeg, maxElevationTimeS, aosCut, losCut, Optional.empty());
    }

    /** @return pass duration, s */
    public double durationS() {
        return losS - aosS;
    }
}
