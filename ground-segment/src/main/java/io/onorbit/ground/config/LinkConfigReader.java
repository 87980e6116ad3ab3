package io.onorbit.ground.config;

import io.onorbit.flight.delta.CompressionSettings;
import io.onorbit.flight.delta.ScaleMode;
import io.onorbit.flight.link.LinkConfig;
import java.util.List;
import java.util.Set;

/**
 * Reads the mission file's {@code link} section into a {@link LinkConfig}; every key is optional
 * (defaults in mission-configs/SCHEMA.md). Bad values are one line: {@code file: link.key: reason}.
 * {@code link.experiment} is allowed here but not read: it is the compression study's, read from
 * the same parsed document by {@code verification.sim.MissionFile}.
 */
public final class LinkConfigReader {

    private static final List<String> KEYS = List.of("packet_bytes", "apid_base", "queue_capacity_bytes",
            "top_k_fraction", "bits", "scale", "error_feedback", "pass_margin_s", "nack_interval_s",
            "max_deltas_in_flight", "experiment");

    private LinkConfigReader() {
    }

    /** @return the link settings of the mission whose root node is {@code root} */
    public static LinkConfig read(ConfigNode root) {
        LinkConfig d = LinkConfig.defaults();
        if (root.child("link").isEmpty()) {
            return d;
        }
        ConfigNode link = root.child("link").get();
        link.allowOnly(KEYS);
        CompressionSettings c = d.compression();
        double k = link.number("top_k_fraction", c.topKFraction(), 1e-9, 1.0);
        if (!(k > 0)) {
            throw link.error("top_k_fraction", k + " must be > 0");
        }
        int bits = (int) link.integer("bits", c.bits(), 1, 32);
        if (bits > 8 && bits != 32) {
            throw link.error("bits", bits + " must be 1..8 (quantized) or 32 (float32)");
        }
        ScaleMode scale = link.choice("scale", "per_tensor", Set.of("per_tensor", "per_delta")).equals("per_tensor")
                ? ScaleMode.PER_TENSOR : ScaleMode.PER_DELTA;
        CompressionSettings compression = new CompressionSettings(k, bits, scale,
                link.bool("error_feedback", c.errorFeedback()));
        return new LinkConfig((int) link.integer("packet_bytes", d.packetBytes(), 64, 65542),
                (int) link.integer("apid_base", d.apidBase(), 1, 2040),
                link.integer("queue_capacity_bytes", d.queueCapacityBytes(), 1024, 1L << 40), compression,
                link.number("pass_margin_s", d.passMarginS(), 0, 600),
                link.number("nack_interval_s", d.nackIntervalS(), 1, 3600),
                (int) link.integer("max_deltas_in_flight", d.maxDeltasInFlight(), 1, 64));
    }
}
