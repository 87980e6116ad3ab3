package io.onorbit.ground.ingest;

import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.packet.Product;
import io.onorbit.flight.packet.Reassembler;
import io.onorbit.flight.packet.RejectCounters;
import java.util.Locale;

/**
 * {@link PacketAssembler} over flight-sw's CCSDS {@link Reassembler}: APIDs from an
 * {@link ApidPlan}, packet CRC-16, segmentation and the whole-message CRC-32C checked there.
 * Refusal reasons are the flight-sw reasons in lower-case kebab form (e.g. "bad-check").
 */
public final class CcsdsPacketAssembler implements PacketAssembler {

    private final ApidPlan plan;
    private final Reassembler reassembler;

    /**
     * @param plan               APIDs of the constellation
     * @param maxPartialMessages messages in progress at once
     * @param maxMessageBytes    largest message, octets
     */
    public CcsdsPacketAssembler(ApidPlan plan, int maxPartialMessages, int maxMessageBytes) {
        this.plan = plan;
        this.reassembler = new Reassembler(plan::isKnown, maxPartialMessages, maxMessageBytes);
    }

    @Override
    public Step offer(byte[] packet) {
        Reassembler.Outcome o = reassembler.offer(packet);
        if (o instanceof Reassembler.Completed c) {
            ApidPlan.Route r = plan.route(c.message().apid()).orElseThrow();
            return new Message(r.satellite(), r.product() == Product.DELTA, c.message().bytes());
        }
        if (o instanceof Reassembler.Pending p) {
            return new Waiting(satelliteOf(p.apid()));
        }
        if (o instanceof Reassembler.AlreadyComplete a) {
            return new Duplicate(satelliteOf(a.apid()));
        }
        Reassembler.Rejected r = (Reassembler.Rejected) o;
        String reason = r.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
        String detail = reassembler.rejects().recent().isEmpty() ? reason
                : reassembler.rejects().recent().get(reassembler.rejects().recent().size() - 1);
        if (r.reason() == io.onorbit.flight.packet.RejectReason.DUPLICATE_SEGMENT) {
            return new Duplicate(apidOf(packet).map(this::satelliteOf).orElse(""));
        }
        return new Refused(apidOf(packet).map(this::satelliteOf).orElse(""), reason, detail);
    }

    private String satelliteOf(int apid) {
        return plan.route(apid).map(ApidPlan.Route::satellite).orElse("");
    }

    private static java.util.Optional<Integer> apidOf(byte[] packet) {
        return packet != null && packet.length >= 2
                ? java.util.Optional.of(((packet[0] & 0x07) << 8) | (packet[1] & 0xFF)) : java.util.Optional.empty();
    }

    /** @return rejections by reason */
    public RejectCounters rejects() {
        return reassembler.rejects();
    }

    /** @return the segments still missing of a message in progress (for a NACK) */
    public int[] missingSegments(int apid, long messageId) {
        return reassembler.missingSegments(apid, messageId);
    }
}
