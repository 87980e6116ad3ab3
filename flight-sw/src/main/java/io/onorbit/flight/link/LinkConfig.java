package io.onorbit.flight.link;

import io.onorbit.flight.delta.CompressionSettings;
import java.util.Objects;

/**
 * Link and delta settings of a mission (the mission file's {@code link} section).
 *
 * @param packetBytes        largest Space Packet on the wire, octets
 * @param apidBase           first APID of the {@link io.onorbit.flight.packet.ApidPlan}
 * @param queueCapacityBytes store-and-forward queue size on flash, bytes
 * @param compression        how deltas are compressed
 * @param passMarginS        time lost at each end of a pass (acquisition), s
 * @param nackIntervalS      how often an unanswered request for missing segments is repeated, s
 * @param maxDeltasInFlight  deltas sent and not yet acknowledged at once
 * @param experiment         settings of {@code onorbit experiment compression}
 */
public record LinkConfig(int packetBytes, int apidBase, long queueCapacityBytes, CompressionSettings compression,
                         double passMarginS, double nackIntervalS, int maxDeltasInFlight,
                         CompressionExperimentSettings experiment) {

    /**
     * Settings of the compression trade study (federated rounds of deltas between the clients and
     * the ground).
     *
     * @param rounds      federated rounds (one delta per client per round), &ge; 1
     * @param clients     clients (satellites) taking part; 0 = the mission's satellite count, at least 2
     * @param localSteps  training steps a client takes between two deltas, &ge; 1
     * @param hiddenWidth hidden width of the experiment's network (its size sets the dense delta size)
     * @param seeds       task seeds each point is averaged over (mission seed, +1, ...), &ge; 1
     */
    public record CompressionExperimentSettings(int rounds, int clients, int localSteps, int hiddenWidth, int seeds) {
        public CompressionExperimentSettings {
            if (rounds < 1 || clients < 0 || localSteps < 1 || hiddenWidth < 1 || seeds < 1) {
                throw new IllegalArgumentException("link.experiment: rounds, local_steps, hidden_width, seeds must be"
                        + " >= 1, clients >= 0");
            }
        }

        /** @return 80 rounds, clients = satellites, 10 local steps, 512 hidden units, 3 seeds */
        public static CompressionExperimentSettings defaults() {
            return new CompressionExperimentSettings(80, 0, 10, 512, 3);
        }
    }

    public LinkConfig {
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(experiment, "experiment");
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
        return new LinkConfig(1024, 64, 1 << 20, CompressionSettings.defaults(), 30, 30, 2,
                CompressionExperimentSettings.defaults());
    }
}
