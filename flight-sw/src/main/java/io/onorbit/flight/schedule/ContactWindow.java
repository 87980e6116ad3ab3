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

    /*
     * equals and hashCode are the record's own, written out: the generated ones run through a
     * method-handle tree that the JIT compiled into each of its callers (the link, the radio and
     * the executive compare or look up the pass every step), ~1.5 kB of bytecode a caller.
     */

    /** Record equality: the same station and the same five numbers ({@link Double#compare} equal). */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof ContactWindow c && Double.compare(aosS, c.aosS) == 0
                && Double.compare(losS, c.losS) == 0 && Double.compare(maxElevationDeg, c.maxElevationDeg) == 0
                && Double.compare(downlinkBps, c.downlinkBps) == 0 && Double.compare(uplinkBps, c.uplinkBps) == 0
                && station.equals(c.station);
    }

    /** The record's hash (each component's, combined as 31 h + c in declaration order), so no map's order moves. */
    @Override
    public int hashCode() {
        int h = station.hashCode();
        h = 31 * h + Double.hashCode(aosS);
        h = 31 * h + Double.hashCode(losS);
        h = 31 * h + Double.hashCode(maxElevationDeg);
        h = 31 * h + Double.hashCode(downlinkBps);
        return 31 * h + Double.hashCode(uplinkBps);
    }

    /** @return pass duration, s */
    public double durationS() {
        return losS - aosS;
    }

    /** @return true if {@code tS} (s since epoch) lies in [aosS, losS) */
    public boolean contains(double tS) {
        return tS >= aosS && tS < losS;
    }

    /**
     * The one rule for what a pass can carry, used by the radio ({@code PassGatedRadio}) and by
     * planning ({@code onorbit plan}): rate x usable duration / 8, where the usable duration is the
     * pass minus the margin lost at each end (acquisition, lock), never below zero.
     *
     * @param rateBps   link rate, bit/s (&ge; 0)
     * @param durationS pass duration, AOS to LOS, s
     * @param marginS   time lost at each end of the pass, s (&ge; 0)
     * @return whole bytes the pass can carry
     */
    public static long capacityBytes(double rateBps, double durationS, double marginS) {
        if (!(rateBps >= 0) || !(marginS >= 0)) {
            throw new IllegalArgumentException("rateBps " + rateBps + " and marginS " + marginS + " must be >= 0");
        }
        double usableS = Math.max(0, durationS - 2 * marginS);
        return (long) Math.floor(rateBps * usableS / 8.0);
    }

    /**
     * The inverse of {@link #capacityBytes}: how long the transmitter is keyed to send
     * {@code bytes} at {@code rateBps} (bytes x 8 / rate), used by the radio to time each packet
     * and by the simulator to charge the transmitter's on-time.
     *
     * @param bytes   octets sent (&ge; 0)
     * @param rateBps link rate, bit/s (&gt; 0)
     * @return time on air, s
     */
    public static double airTimeS(long bytes, double rateBps) {
        return bytes * 8.0 / rateBps;
    }

    /** @return the most bytes the downlink can carry in this pass with {@code marginS} lost at each end */
    public long downlinkCapacityBytes(double marginS) {
        return capacityBytes(downlinkBps, durationS(), marginS);
    }

    /** @return the most bytes the uplink can carry in this pass with {@code marginS} lost at each end */
    public long uplinkCapacityBytes(double marginS) {
        return capacityBytes(uplinkBps, durationS(), marginS);
    }
}
