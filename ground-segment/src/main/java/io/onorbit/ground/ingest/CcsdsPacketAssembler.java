package io.onorbit.ground.ingest;

import io.onorbit.flight.labels.FileLabels;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.packet.Product;
import io.onorbit.flight.packet.Reassembler;
import io.onorbit.flight.packet.RejectCounters;
import io.onorbit.flight.packet.RejectReason;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link PacketAssembler} over flight-sw's CCSDS {@link Reassembler}: products from the APIDs of an
 * {@link ApidPlan}, the satellite from each packet's segment header (its satellite number), one
 * reassembler per satellite so that streams of different satellites on the same APID never mix;
 * packet CRC-16, segmentation and the whole-message CRC-32C checked there. Refusal reasons are the
 * flight-sw reasons in lower-case kebab form (e.g. "bad-check").
 */
public final class CcsdsPacketAssembler implements PacketAssembler {

    private final ApidPlan plan;
    private final int maxPartialMessages;
    private final int maxMessageBytes;
    private final Map<Integer, Reassembler> bySatellite = new HashMap<>();
    /** Refusals of packets that name no satellite of the plan (before any reassembler). */
    private final RejectCounters unrouted = new RejectCounters();

    /**
     * @param plan               APIDs and satellite numbers of the constellation
     * @param maxPartialMessages messages in progress at once, per satellite
     * @param maxMessageBytes    largest message, octets
     */
    public CcsdsPacketAssembler(ApidPlan plan, int maxPartialMessages, int maxMessageBytes) {
        this.plan = plan;
        this.maxPartialMessages = maxPartialMessages;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public Step offer(byte[] packet) {
        Optional<Integer> number = Reassembler.satelliteNumberOf(packet);
        Optional<String> satellite = number.flatMap(plan::satellite);
        if (satellite.isEmpty()) {
            // too short to name a satellite, or names none of ours: the packet's own checks say which
            Reassembler probe = new Reassembler(plan::isKnown, number.orElse(0), 1, maxMessageBytes);
            if (probe.offer(packet) instanceof Reassembler.Rejected r) {
                unrouted.reject(r.reason(), last(probe.rejects(), r.reason()));
            } else {
                unrouted.reject(RejectReason.WRONG_SATELLITE, "satellite number " + number.orElseThrow()
                        + " is not in the mission");
            }
            return new Refused("", kebab(unrouted.lastReason()), last(unrouted, unrouted.lastReason()));
        }
        Reassembler reassembler = bySatellite.computeIfAbsent(number.get(),
                n -> new Reassembler(plan::isKnown, n, maxPartialMessages, maxMessageBytes));
        String name = satellite.get();
        Reassembler.Outcome o = reassembler.offer(packet);
        if (o instanceof Reassembler.Completed c) {
            Product product = plan.product(c.message().apid()).orElseThrow();
            return new Message(name, product == Product.DELTA, c.message().bytes());
        }
        if (o instanceof Reassembler.Pending) {
            return new Waiting(name);
        }
        if (o instanceof Reassembler.AlreadyComplete) {
            return new Duplicate(name);
        }
        Reassembler.Rejected r = (Reassembler.Rejected) o;
        if (r.reason() == RejectReason.DUPLICATE_SEGMENT) {
            return new Duplicate(name);
        }
        return new Refused(name, kebab(r.reason()), last(reassembler.rejects(), r.reason()));
    }

    private static String kebab(RejectReason reason) {
        return FileLabels.of(reason);
    }

    private static String last(RejectCounters counters, RejectReason reason) {
        List<String> recent = counters.recent();
        return recent.isEmpty() ? kebab(reason) : recent.get(recent.size() - 1);
    }

    /** @return rejections by reason, over every satellite's reassembler and the unrouted packets */
    public Map<RejectReason, Long> rejects() {
        Map<RejectReason, Long> out = new EnumMap<>(RejectReason.class);
        unrouted.snapshot().forEach((k, v) -> out.merge(k, v, Long::sum));
        for (Reassembler r : bySatellite.values()) {
            r.rejects().snapshot().forEach((k, v) -> out.merge(k, v, Long::sum));
        }
        return out;
    }

    /** @return the segments still missing of a message in progress from {@code satellite} (for a NACK) */
    public int[] missingSegments(String satellite, int apid, long messageId) {
        Reassembler r = bySatellite.get(plan.number(satellite));
        return r == null ? new int[0] : r.missingSegments(apid, messageId);
    }
}
