package io.onorbit.flight.link;

import io.onorbit.flight.delta.CompressionSettings;
import java.util.Objects;

/**
 * Link and delta settings of a mission (the mission file's {@code link} section). The
 * compression trade study's settings, kept under {@code link.experiment} in the file, are the
 * study's own and live with it in {@code verification}.
 *
 * @param packetBytes        largest Space Packet on the wire, octets
 * @param apidBase           first APID of the {@link io.onorbit.flight.packet.ApidPlan}
 * @param queueCapacityBytes store-and-forward queue size on flash, bytes
 * @param compression        how deltas are compressed
 * @param passMarginS        time lost at each end of a pass (acquisition), s
 * @param nackIntervalS      how often an unanswered request for missing segments is repeated, s
 * @param maxDeltasInFlight  deltas sent and not yet acknowledged at once
 */
public record LinkConfig(int packetBytes, int apidBase, long queueCapacityBytes, CompressionSettings compression,
                         double passMarginS, double nackIntervalS, int maxDeltasInFlight) {

    public LinkConfig {
        Objects.requireNonNull(compression, "compression");
        if (packetBytes < io.onorbit.flight.packet.Packetizer.MIN_PACKET_BYTES || packetBytes > 65542) {
            throw new IllegalArgumentException("link: packetBytes " + packetBytes + " must be in 17..65542");
        }
        if (apidBase < 1 || apidBase > 2040) {
            throw new IllegalArgumentException("link: apidBase " + apidBase + " must be in 1..2040");
        }
        if (queueCapacityBytes < 1) {
            throw new IllegalArgumentException("link: queueCapacityBytes must be >= 1");
        }
        if (!(passMarginS >= 0) || !(nackIntervalS > 0) || maxDeltasInFlight < 1) {
            throw new IllegalArgumentException("link: passMarginS >= 0, nackIntervalS > 0, maxDeltasInFlight >= 1");
        }
    }

    /** @return the defaults documented in mission-configs/SCHEMA.md */
    public static LinkConfig defaults() {
        return new LinkConfig(1024, 64, 1 << 20, CompressionSettings.defaults(), 30, 30, 2);
    }
}
