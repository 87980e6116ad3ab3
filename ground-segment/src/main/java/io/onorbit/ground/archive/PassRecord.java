package io.onorbit.ground.archive;

import java.time.Instant;

/**
 * Traffic received from one satellite during one pass.
 *
 * @param satellite  satellite name
 * @param passNumber the satellite's pass counter
 * @param station    receiving station ("" if unknown)
 * @param firstSeen  first packet (UTC)
 * @param lastSeen   last packet (UTC)
 * @param bytes      bytes received, all packets
 * @param packets    packets received
 * @param deltas     deltas archived from this pass
 */
public record PassRecord(String satellite, long passNumber, String station, Instant firstSeen, Instant lastSeen,
        long bytes, long packets, long deltas) {
}
