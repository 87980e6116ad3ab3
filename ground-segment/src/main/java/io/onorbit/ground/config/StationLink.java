package io.onorbit.ground.config;

import java.util.Objects;

/**
 * What one ground station's radio carries: its usable link rates. These belong to the ground and
 * its link, not to flight dynamics: orbit-sim finds when a station sees a satellite, mission
 * planning turns a pass and these rates into data volume and the onboard schedule's contact windows.
 *
 * @param station     the station's name ({@code ground_stations[i].name})
 * @param downlinkBps usable downlink rate, bit/s (&ge; 0; {@code ground_stations[i].downlink_bps})
 * @param uplinkBps   usable uplink rate, bit/s (&ge; 0; {@code ground_stations[i].uplink_bps})
 */
public record StationLink(String station, double downlinkBps, double uplinkBps) {

    /** Default downlink rate, bit/s (an S-band small-satellite link). */
    public static final double DEFAULT_DOWNLINK_BPS = 2_000_000;
    /** Default uplink rate, bit/s. */
    public static final double DEFAULT_UPLINK_BPS = 64_000;

    public StationLink {
        Objects.requireNonNull(station, "station");
        if (!(downlinkBps >= 0) || Double.isInfinite(downlinkBps)) {
            throw new IllegalArgumentException("station " + station + ": downlinkBps " + downlinkBps + " must be finite and >= 0");
        }
        if (!(uplinkBps >= 0) || Double.isInfinite(uplinkBps)) {
            throw new IllegalArgumentException("station " + station + ": uplinkBps " + uplinkBps + " must be finite and >= 0");
        }
    }

    /** @return a copy with another downlink rate, bit/s */
    public StationLink withDownlinkBps(double newDownlinkBps) {
        return new StationLink(station, newDownlinkBps, uplinkBps);
    }

    /** @return a copy with another uplink rate, bit/s */
    public StationLink withUplinkBps(double newUplinkBps) {
        return new StationLink(station, downlinkBps, newUplinkBps);
    }
}
