package io.onorbit.flight.schedule;

import java.util.Objects;

/**
 * One ground-station pass as the spacecraft knows it.
 *
 * @param station          station name
 * @param aosS             acquisition of signal, s since the schedule epoch
 * @param losS             loss of signal, s since the schedule epoch (&gt; aosS)
 * @param maxElevationDeg  highest elevation seen from the station during the pass, deg
 * @param downlinkBps      usable downlink rate, bit/s (&ge; 0)
 * @param uplinkBps        usable uplink rate, bit/s (&ge; 0)
 */
public record ContactWindow(String station, double aosS, double losS, double maxElevationDeg,
                            double downlinkBps, double uplinkBps) {

    public ContactWindow {
        Objects.requireNonNull(station, "station");
        if (!(losS > aosS)) {
            throw new IllegalArgumentException("contact " + station + ": losS " + losS + " must be after aosS " + aosS);
        }
        if (!(downlinkBps >= 0) || !(uplinkBps >= 0)) {
            throw new IllegalArgumentException("contact " + station + ": rates must be >= 0 bit/s");
        }
    }

    /** @return pass duration, s */
    public double durationS() {
        return losS - aosS;
    }

    /** @return true if {@code tS} (s since epoch) lies in [aosS, losS) */
    public boolean contains(double tS) {
        return tS >= aosS && tS < losS;
    }

    /** @return the most bytes the downlink can carry in this pass */
    public long downlinkCapacityBytes() {
        return (long) Math.floor(downlinkBps * durationS() / 8.0);
    }

    /** @return the most bytes the uplink can carry in this pass */
    public long uplinkCapacityBytes() {
        return (long) Math.floor(uplinkBps * durationS() / 8.0);
    }
}
