package io.onorbit.ground.link;

import io.onorbit.flight.link.LinkMessages;
import io.onorbit.flight.link.NackPolicy;
import io.onorbit.flight.link.Outbox;
import io.onorbit.flight.link.PassGatedRadio;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.packet.Packetizer;
import io.onorbit.flight.packet.Product;
import io.onorbit.flight.packet.Reassembler;
import io.onorbit.flight.packet.RejectCounters;
import io.onorbit.flight.packet.RejectReason;
import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import io.onorbit.flight.packet.SpacePacket;
import io.onorbit.flight.schedule.ContactWindow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;
import io.onorbit.ground.ingest.Ingest;

/**
 * The ground end of the link with one satellite (the ground side of the protocol in
 * {@code flight.link}): reassembles its delta messages, hands each whole one to the ground's
 * {@link Ingest} (which authenticates, decodes, flags and archives it) and acknowledges it only
 * once ingest says it is committed to the archive (stored now, or already there), so a ground
 * crash never loses a delta the spacecraft was told it may delete. The same id with the same
 * whole-message digest is a duplicate, acknowledged again; the same id with another digest is an
 * {@link RejectReason#ID_CONFLICT}, refused and never acknowledged; a message ingest refuses is
 * asked for again whole. Asks again for missing or corrupted segments, and uplinks model updates
 * until the spacecraft acknowledges them. Uses the uplink direction of the satellite's
 * {@link PassGatedRadio}, so it too sends only during passes. Not thread-safe (one per satellite;
 * the ingest may be shared).
 */
public final class GroundLink {

    private final String satellite;
    private final ApidPlan plan;
    private final PassGatedRadio radio;
    private final Ingest ingest;
    private final LongConsumer archived;
    private final Outbox outbox;
    private final Reassembler downlink;
    private final NackPolicy nacks;
    /** Remembered like the reassembler remembers completed messages: the recent ones. */
    private static final int REMEMBERED_SEGMENT_CHECKS = 1024;

    private final Map<Long, HashCode> deliveredDigests = new HashMap<>();
    /**
     * CRC32C of each segment of recently delivered delta messages, by message id: a packet of
     * an already-complete message is a duplicate only if its segment matches.
     */
    private final LinkedHashMap<Long, int[]> deliveredSegments = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, int[]> e) {
            return size() > REMEMBERED_SEGMENT_CHECKS;
        }
    };
    private final Packetizer packetizer;
    /** An update fully sent and unanswered for this many NACK intervals is offered again in the same pass. */
    static final int UNANSWERED_PROBE_INTERVALS = 2;

    private ContactWindow lastWindow;
    private double lastProbeS = Double.NEGATIVE_INFINITY;
    private final double nackIntervalS;
    private long controlMessageId;
    private long updatesAcknowledged;
    private long updatesRefused;
    private final List<UpdateAnswer> updateAnswers = new ArrayList<>();

    /**
     * The spacecraft's answer to one of the ground's model updates.
     *
     * @param updateId the update's message id (its command counter)
     * @param refusal  the refusal, naming the reason and the version the spacecraft holds; empty if
     *                 it acknowledged the update as applied
     */
    public record UpdateAnswer(long updateId, Optional<LinkMessages.Refusal> refusal) {

        /** @return true if the spacecraft applied the update */
        public boolean applied() {
            return refusal.isEmpty();
        }
    }

    /**
     * @param satellite     the satellite this session talks to
     * @param plan          APIDs
     * @param packetizer    packet size and sequence counts (uplink)
     * @param radio         the satellite's radio (its downlink sink must feed {@link #receive})
     * @param ingest        the ground's ingest path (authentication, decoding, review flags, archive)
     * @param archived      told the sequence number of each delta newly committed to the archive
     *                      (once per delta, before it is acknowledged)
     * @param nackIntervalS how often to repeat an unanswered request for missing segments, s
     */
    public GroundLink(String satellite, ApidPlan plan, Packetizer packetizer, PassGatedRadio radio,
                      Ingest ingest, LongConsumer archived, double nackIntervalS) {
        this.satellite = Objects.requireNonNull(satellite);
        this.plan = plan;
        this.packetizer = packetizer;
        plan.requireWrites(packetizer, satellite);
        this.radio = radio;
        this.ingest = Objects.requireNonNull(ingest);
        this.archived = Objects.requireNonNull(archived);
        this.outbox = new Outbox(packetizer, radio, PassGatedRadio.Direction.UPLINK);
        int deltaApid = plan.apid(satellite, Product.DELTA);
        int ackApid = plan.apid(satellite, Product.UPDATE_ACK);
        int nackApid = plan.apid(satellite, Product.UPDATE_NACK);
        this.downlink = new Reassembler(a -> a == deltaApid || a == ackApid || a == nackApid, plan.number(satellite), 16,
                64 << 20);
        this.nacks = new NackPolicy(nackIntervalS);
        this.nackIntervalS = nackIntervalS;
    }

    /**
     * Queues a model update for uplink; it is re-offered at every new pass until the spacecraft
     * acknowledges it (a spacecraft that reset mid-update has forgotten it and would never ask).
     */
    public void sendModelUpdate(long updateId, byte[] update) {
        outbox.enqueue(plan.apid(satellite, Product.MODEL_UPDATE), updateId, update, true);
    }

    /**
     * Stops offering an update (superseded by a newer one); an answer to it that still arrives is
     * ignored. @return true if it was still held
     */
    public boolean withdrawModelUpdate(long updateId) {
        return outbox.remove(plan.apid(satellite, Product.MODEL_UPDATE), updateId);
    }

    /** @return true while the update {@code updateId} is not acknowledged */
    public boolean updatePending(long updateId) {
        return outbox.contains(plan.apid(satellite, Product.MODEL_UPDATE), updateId);
    }

    /** Sends NACKs for incomplete deltas and pending uplink packets, from {@code tS} to {@code untilS}. */
    public int step(double tS, double untilS) {
        Optional<ContactWindow> w = radio.usableWindowAt(tS);
        if (w.isEmpty()) {
            return 0;
        }
        if (!w.get().equals(lastWindow)) {
            lastWindow = w.get();
            // An update sent but not acknowledged by the last pass is offered again: its last
            // segment goes out, and the spacecraft acknowledges it or NACKs what it lacks.
            outbox.probeUnacknowledged();
            lastProbeS = tS;
        } else if (tS - lastProbeS >= UNANSWERED_PROBE_INTERVALS * nackIntervalS && !outbox.awaitingAck().isEmpty()) {
            // Within the pass too: an update whose every packet was lost (a one-packet update the
            // spacecraft never saw cannot be NACKed) or whose answer was lost is offered again
            // once the answer is overdue, not only at the next pass.
            outbox.probeUnacknowledged();
            lastProbeS = tS;
        }
        int deltaApid = plan.apid(satellite, Product.DELTA);
        for (Reassembler.PartialStatus p : downlink.partial()) {
            if (p.apid() == deltaApid && nacks.due(p, tS)) {
                nack(p.messageId(), p.missing());
            }
        }
        return outbox.pump(tS, untilS);
    }

    private void nack(long messageId, int[] missing) {
        outbox.enqueue(plan.apid(satellite, Product.DELTA_NACK), controlMessageId++,
                LinkMessages.nack(messageId, missing), false);
    }

    private void ack(long messageId) {
        outbox.enqueue(plan.apid(satellite, Product.DELTA_ACK), controlMessageId++, LinkMessages.ack(messageId), false);
    }

    /**
     * Takes one downlinked packet; never throws on bad input (rejections are counted, and those
     * of whole deltas archived by ingest).
     *
     * @param pass the pass it arrived in (recorded with an archived delta)
     * @throws io.onorbit.ground.archive.ArchiveException if the archive fails: nothing is acknowledged
     */
    public void receive(byte[] packet, Ingest.Pass pass) {
        Reassembler.Outcome o = downlink.offer(packet);
        int deltaApid = plan.apid(satellite, Product.DELTA);
        if (o instanceof Reassembler.AlreadyComplete a && a.apid() == deltaApid) {
            if (sameSegmentAsDelivered(packet, a.messageId())) {
                ack(a.messageId()); // our acknowledgement was lost: say it again
                return;
            }
            // Same id, other content: reassemble it whole so its digest can be compared.
            downlink.forget(deltaApid, a.messageId());
            o = downlink.offer(packet);
        }
        if (!(o instanceof Reassembler.Completed c)) {
            return;
        }
        Reassembler.Message m = c.message();
        Product product = plan.product(m.apid()).orElseThrow();
        switch (product) {
            case DELTA -> delta(m, pass);
            case UPDATE_ACK -> {
                Optional<LinkMessages.Refusal> refusal = LinkMessages.parseRefusal(m.bytes());
                if (refusal.isPresent()) {
                    // Answered, not applied: stop offering it; the refusal names the version held.
                    if (outbox.remove(plan.apid(satellite, Product.MODEL_UPDATE), refusal.get().messageId())) {
                        updatesRefused++;
                        updateAnswers.add(new UpdateAnswer(refusal.get().messageId(), refusal));
                    }
                    return;
                }
                Optional<long[]> ids = LinkMessages.parseAck(m.bytes());
                if (ids.isEmpty()) {
                    downlink.rejects().reject(RejectReason.BAD_CONTENT, "malformed update ack");
                    return;
                }
                for (long id : ids.get()) {
                    if (outbox.remove(plan.apid(satellite, Product.MODEL_UPDATE), id)) {
                        updatesAcknowledged++;
                        updateAnswers.add(new UpdateAnswer(id, Optional.empty()));
                    }
                }
            }
            case UPDATE_NACK -> LinkMessages.parseNack(m.bytes()).ifPresentOrElse(
                    n -> outbox.resend(plan.apid(satellite, Product.MODEL_UPDATE), n.messageId(), n.segments()),
                    () -> downlink.rejects().reject(RejectReason.BAD_CONTENT, "malformed update nack"));
            default -> downlink.rejects().reject(RejectReason.UNKNOWN_APID, "product " + product + " on the downlink");
        }
    }

    private void delta(Reassembler.Message m, Ingest.Pass pass) {
        nacks.forget(m.apid(), m.messageId());
        HashCode digest = Hashing.sha256().hashBytes(m.bytes());
        HashCode earlier = deliveredDigests.get(m.messageId());
        if (earlier != null) {
            if (earlier.equals(digest)) {
                ack(m.messageId()); // delivered and archived before: our acknowledgement was lost
                return;
            }
            downlink.rejects().reject(RejectReason.ID_CONFLICT, "delta message " + m.messageId() + " of " + satellite
                    + " arrived with digest " + shortHex(digest) + " but was delivered with " + shortHex(earlier)
                    + ": not acknowledged, the spacecraft keeps it");
            downlink.forget(m.apid(), m.messageId());
            return;
        }
        Ingest.Outcome out;
        try {
            out = ingest.acceptDelta(satellite, m.messageId(), m.bytes(), pass);
        } catch (RuntimeException e) {
            // The archive failed: not acknowledged, and forgotten so that a resend is ingested again.
            downlink.forget(m.apid(), m.messageId());
            throw e;
        }
        if (out.result() == Ingest.Result.REJECTED) {
            downlink.rejects().reject(RejectReason.BAD_CONTENT, "delta message " + m.messageId() + " of " + satellite
                    + " refused by ingest (reason archived): asked for again");
            downlink.forget(m.apid(), m.messageId());
            int count = packetizer.packetCount(m.bytes().length);
            int[] all = new int[count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
            }
            nack(m.messageId(), all);
            return;
        }
        // STORED or DUPLICATE: the delta is in the archive, committed; only now may the spacecraft delete it.
        deliveredDigests.put(m.messageId(), digest);
        deliveredSegments.put(m.messageId(), segmentChecks(m.bytes()));
        if (out.result() == Ingest.Result.STORED) {
            archived.accept(out.delta().orElseThrow().sequence());
        }
        ack(m.messageId());
    }

    private static String shortHex(HashCode h) {
        return h.toString().substring(0, 16);
    }

    /** CRC32C of each segment the packetizer makes of {@code message} (body plus message CRC). */
    private int[] segmentChecks(byte[] message) {
        CRC32C c = new CRC32C();
        c.update(message, 0, message.length);
        int crc = (int) c.getValue();
        byte[] full = java.util.Arrays.copyOf(message, message.length + Packetizer.MESSAGE_CRC_BYTES);
        for (int i = 0; i < Packetizer.MESSAGE_CRC_BYTES; i++) {
            full[message.length + i] = (byte) (crc >>> (8 * (Packetizer.MESSAGE_CRC_BYTES - 1 - i)));
        }
        int per = packetizer.payloadBytesPerPacket();
        int count = packetizer.packetCount(message.length);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            int from = i * per;
            c.reset();
            c.update(full, from, Math.min(per, full.length - from));
            out[i] = (int) c.getValue();
        }
        return out;
    }

    /** True if {@code packet} is a copy of a segment of the delivered message {@code messageId}. */
    private boolean sameSegmentAsDelivered(byte[] packet, long messageId) {
        int[] checks = deliveredSegments.get(messageId);
        if (checks == null) {
            // Delivered too long ago to compare segments: acknowledge again only what was archived.
            return deliveredDigests.containsKey(messageId);
        }
        Optional<SpacePacket> p = SpacePacket.decode(packet, new RejectCounters());
        if (p.isEmpty()) {
            return true;
        }
        byte[] data = p.get().data();
        int index = ((data[4] & 0xFF) << 8) | (data[5] & 0xFF);
        int count = ((data[6] & 0xFF) << 8) | (data[7] & 0xFF);
        if (count != checks.length) {
            return false;
        }
        CRC32C c = new CRC32C();
        c.update(data, Packetizer.SEGMENT_HEADER_BYTES, data.length - Packetizer.SEGMENT_HEADER_BYTES);
        return (int) c.getValue() == checks[index];
    }

    /** @return downlink rejections by reason */
    public RejectCounters rejects() {
        return downlink.rejects();
    }

    /** @return the uplink outbox */
    public Outbox outbox() {
        return outbox;
    }

    /** @return distinct delta messages acknowledged (archived) since this link was made */
    public int deltasDelivered() {
        return deliveredDigests.size();
    }

    /**
     * @return the answers to the ground's own pending updates received since the last call, in
     *         order (answers to messages the ground did not send, such as an attacker's, are not
     *         among them)
     */
    public List<UpdateAnswer> drainUpdateAnswers() {
        List<UpdateAnswer> out = List.copyOf(updateAnswers);
        updateAnswers.clear();
        return out;
    }

    /** @return model updates the spacecraft answered with a refusal */
    public long updatesRefused() {
        return updatesRefused;
    }

    public long updatesAcknowledged() {
        return updatesAcknowledged;
    }
}
