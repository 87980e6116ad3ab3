package io.onorbit.ground.ingest;

import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.packet.Product;
import io.onorbit.flight.packet.Reassembler;
import io.onorbit.flight.packet.RejectReason;
import java.util.List;
import java.util.Locale;

/**
 * {@link PacketAssembler} over the flight-sw CCSDS layer: {@link Reassembler} (packet CRC-16,
 * segment headers, whole-message CRC-32C) with the constellation's {@link ApidPlan} naming the
 * sender and product of each APID.
 */
public final class LinkPacketAssembler implements PacketAssembler {

    /** Messages in progress at once per ground link. */
    public static final int MAX_PARTIAL_MESSAGES = 64;
    /** Largest message accepted, bytes (a float32 delta of 4 M parameters). */
    public static final int MAX_MESSAGE_BYTES = 16 << 20;

    private final ApidPlan plan;
    private final Reassembler reassembler;

    public LinkPacketAssembler(ApidPlan plan) {
        this.plan = plan;
        this.reassembler = new Reassembler(plan::isKnown, MAX_PARTIAL_MESSAGES, MAX_MESSAGE_BYTES);
    }

    @Override
    public Step offer(byte[] packet) {
        Reassembler.Outcome o = reassembler.offer(packet);
        if (o instanceof Reassembler.Completed c) {
            ApidPlan.Route r = plan.route(c.message().apid()).orElseThrow();
            return new Message(r.satellite(), r.product() == Product.DELTA, c.message().bytes());
        }
        if (o instanceof Reassembler.Pending p) {
            return new Waiting(satellite(p.apid()));
        }
        if (o instanceof Reassembler.AlreadyComplete a) {
            return new Duplicate(satellite(a.apid()));
        }
        RejectReason reason = ((Reassembler.Rejected) o).reason();
        if (reason == RejectReason.DUPLICATE_SEGMENT) {
            return new Duplicate("");
        }
        List<String> recent = reassembler.rejects().recent();
        String detail = recent.isEmpty() ? reason.name() : recent.get(recent.size() - 1);
        return new Refused("", "packet-" + reason.name().toLowerCase(Locale.ROOT).replace('_', '-'), detail);
    }

    private String satellite(int apid) {
        return plan.route(apid).map(ApidPlan.Route::satellite).orElse("");
    }

    /** @return the underlying reassembler (its reject counters, missing segments for re-requests) */
    public Reassembler reassembler() {
        return reassembler;
    }
}
