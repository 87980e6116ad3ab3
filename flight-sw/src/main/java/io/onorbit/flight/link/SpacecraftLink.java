package io.onorbit.flight.link;

import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.flight.packet.Packetizer;
import io.onorbit.flight.packet.Product;
import io.onorbit.flight.packet.Reassembler;
import io.onorbit.flight.packet.RejectCounters;
import io.onorbit.flight.packet.RejectReason;
import io.onorbit.flight.schedule.ContactWindow;
import io.onorbit.flight.storage.DeltaQueue;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The spacecraft end of the link: downlinks queued deltas oldest first through the
 * {@link PassGatedRadio}, resumes across passes, resends what the ground asks for, deletes a
 * delta from the queue only when the ground acknowledges it, and receives model updates.
 * Not thread-safe; driven by the flight software's link task.
 */
public final class SpacecraftLink {

    /** Decides on a whole model update before the link answers it. */
    @FunctionalInterface
    public interface UpdateHandler {
        /**
         * @param messageId the update's message id on the link
         * @param update    the update's bytes as the ground sent them
         * @return null to acknowledge it (only once it is verified, applied and persisted), or
         *         the refusal payload to send instead ({@link LinkMessages#refusal})
         */
        byte[] handle(long messageId, byte[] update) throws IOException;
    }

    private final String satellite;
    private final ApidPlan plan;
    private final Packetizer packetizer;
    private final PassGatedRadio radio;
    private final DeltaQueue queue;
    private final UpdateHandler modelUpdates;
    private final LongSupplier controlIds;
    /** The answer given to each whole update this boot, repeated if the ground sends it again. */
    private final Map<Long, byte[]> answers = new HashMap<>();
    private final byte[] key;
    private final int maxDeltasInFlight;
    private final Outbox outbox;
    private final Reassembler uplink;
    private final NackPolicy nacks;
    private final Map<Long, Long> sequenceOfMessage = new HashMap<>();
    private ContactWindow lastWindow;
    private long deltasAcknowledged;
    private long updatesReceived;

    /**
     * @param satellite         this spacecraft
     * @param plan              APIDs
     * @param packetizer        packet size and sequence counts (downlink)
     * @param radio             the radio (its uplink sink must feed {@link #receive})
     * @param queue             deltas to send
     * @param modelUpdates      receives each whole model update (bytes as the ground sent them)
     * @param maxDeltasInFlight deltas sent but not acknowledged at once, &ge; 1
     * @param nackIntervalS     how often to repeat an unanswered request for missing segments, s
     * @param key               this spacecraft's key: every delta message goes down sealed with it
     *                          ({@link DeltaSeal}), at least {@code UplinkFrame.MIN_KEY_BYTES}
     */
    public SpacecraftLink(String satellite, ApidPlan plan, Packetizer packetizer, PassGatedRadio radio,
                          DeltaQueue queue, Consumer<byte[]> modelUpdates, int maxDeltasInFlight, double nackIntervalS,
                          byte[] key) {
        this(satellite, plan, packetizer, radio, queue, new LongSupplier() {
            private long next;

            @Override
            public long getAsLong() {
                return next++;
            }
        }, (id, update) -> {
            modelUpdates.accept(update);
            return null;
        }, maxDeltasInFlight, nackIntervalS, key);
    }

    /**
     * @param satellite         this spacecraft
     * @param plan              APIDs
     * @param packetizer        packet size and sequence counts (downlink)
     * @param radio             the radio (its uplink sink must feed {@link #receive})
     * @param queue             deltas to send
     * @param controlIds        ids of the control messages this end sends (update acks, refusals,
     *                          NACKs); they must never repeat, across resets too, or the ground
     *                          drops the later ones as duplicates
     * @param modelUpdates      handles each whole model update (bytes as the ground sent them) and
     *                          returns the answer to send: a refusal payload
     *                          ({@link LinkMessages#refusal}), or null to acknowledge it as applied
     * @param maxDeltasInFlight deltas sent but not acknowledged at once, &ge; 1
     * @param nackIntervalS     how often to repeat an unanswered request for missing segments, s
     * @param key               this spacecraft's key: every delta message goes down sealed with it
     */
    public SpacecraftLink(String satellite, ApidPlan plan, Packetizer packetizer, PassGatedRadio radio,
                          DeltaQueue queue, LongSupplier controlIds, UpdateHandler modelUpdates,
                          int maxDeltasInFlight, double nackIntervalS, byte[] key) {
        this.controlIds = Objects.requireNonNull(controlIds, "controlIds");
        this.satellite = Objects.requireNonNull(satellite);
        this.plan = plan;
        this.packetizer = packetizer;
        plan.requireWrites(packetizer, satellite);
        this.radio = radio;
        this.queue = queue;
        this.modelUpdates = modelUpdates;
        if (key == null || key.length < io.onorbit.flight.command.UplinkFrame.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("key of " + satellite + " must be at least "
                    + io.onorbit.flight.command.UplinkFrame.MIN_KEY_BYTES + " bytes");
        }
        this.key = key.clone();
        if (maxDeltasInFlight < 1) {
            throw new IllegalArgumentException("maxDeltasInFlight " + maxDeltasInFlight + " must be >= 1");
        }
        this.maxDeltasInFlight = maxDeltasInFlight;
        this.outbox = new Outbox(packetizer, radio, PassGatedRadio.Direction.DOWNLINK);
        int updateApid = plan.apid(satellite, Product.MODEL_UPDATE);
        int ackApid = plan.apid(satellite, Product.DELTA_ACK);
        int nackApid = plan.apid(satellite, Product.DELTA_NACK);
        this.uplink = new Reassembler(a -> a == updateApid || a == ackApid || a == nackApid, plan.number(satellite), 16,
                64 << 20);
        this.nacks = new NackPolicy(nackIntervalS);
    }

    /**
     * Runs the link from {@code tS} to {@code untilS}: outside a usable window nothing is sent;
     * inside, pending packets go out until the radio is busy past {@code untilS} or the pass is
     * full.
     *
     * @return packets sent
     */
    public int step(double tS, double untilS) throws IOException {
        Optional<ContactWindow> w = radio.usableWindowAt(tS);
        if (w.isEmpty()) {
            return 0;
        }
        if (!w.get().equals(lastWindow)) {
            lastWindow = w.get();
            outbox.probeUnacknowledged(); // acks lost last pass: make the ground say what it has
        }
        int deltaApid = plan.apid(satellite, Product.DELTA);
        for (DeltaQueue.Entry e : queue.entries()) {
            if (sequenceOfMessage.size() >= maxDeltasInFlight) {
                break;
            }
            long id = e.sequence() & 0xFFFFFFFFL;
            if (!sequenceOfMessage.containsKey(id)) {
                // In flight before a reset: the ground may hold most of it; probe and let it NACK the rest.
                boolean resumed = e.inFlight();
                queue.markInFlight(e.sequence());
                // Sealing is deterministic, so a delta resumed after a reset has the same bytes as before.
                outbox.enqueue(deltaApid, id, DeltaSeal.seal(key, e.encoded()), true, resumed);
                sequenceOfMessage.put(id, e.sequence());
            }
        }
        int updateApid = plan.apid(satellite, Product.MODEL_UPDATE);
        for (Reassembler.PartialStatus p : uplink.partial()) {
            if (p.apid() == updateApid && nacks.due(p, tS)) {
                outbox.enqueue(plan.apid(satellite, Product.UPDATE_NACK), controlIds.getAsLong(),
                        LinkMessages.nack(p.messageId(), p.missing()), false);
            }
        }
        return outbox.pump(tS, untilS);
    }

    /** Takes one uplinked packet; never throws on bad input (rejections are counted). */
    public void receive(byte[] packet) throws IOException {
        Reassembler.Outcome o = uplink.offer(packet);
        if (o instanceof Reassembler.AlreadyComplete a && a.apid() == plan.apid(satellite, Product.MODEL_UPDATE)) {
            // The ground did not hear the answer: give the same one again.
            byte[] earlier = answers.get(a.messageId());
            sendUpdateAnswer(earlier == null ? LinkMessages.ack(a.messageId()) : earlier);
        }
        if (!(o instanceof Reassembler.Completed c)) {
            return;
        }
        Reassembler.Message m = c.message();
        Product product = plan.product(m.apid()).orElseThrow();
        switch (product) {
            case DELTA_ACK -> {
                Optional<long[]> ids = LinkMessages.parseAck(m.bytes());
                if (ids.isEmpty()) {
                    uplink.rejects().reject(RejectReason.BAD_CONTENT, "malformed delta ack");
                    return;
                }
                for (long id : ids.get()) {
                    Long seq = sequenceOfMessage.remove(id);
                    if (seq != null) {
                        outbox.remove(plan.apid(satellite, Product.DELTA), id);
                        if (queue.ack(seq)) {
                            deltasAcknowledged++;
                        }
                    }
                }
            }
            case DELTA_NACK -> {
                Optional<LinkMessages.Nack> n = LinkMessages.parseNack(m.bytes());
                if (n.isEmpty()) {
                    uplink.rejects().reject(RejectReason.BAD_CONTENT, "malformed delta nack");
                    return;
                }
                outbox.resend(plan.apid(satellite, Product.DELTA), n.get().messageId(), n.get().segments());
            }
            case MODEL_UPDATE -> {
                nacks.forget(m.apid(), m.messageId());
                updatesReceived++;
                byte[] refusal = modelUpdates.handle(m.messageId(), m.bytes());
                byte[] answer = refusal == null ? LinkMessages.ack(m.messageId()) : refusal;
                answers.put(m.messageId(), answer);
                sendUpdateAnswer(answer);
            }
            default -> uplink.rejects().reject(RejectReason.UNKNOWN_APID, "product " + product + " on the uplink");
        }
    }

    private void sendUpdateAnswer(byte[] answer) {
        outbox.enqueue(plan.apid(satellite, Product.UPDATE_ACK), controlIds.getAsLong(), answer, false);
    }

    /** @return true while part of a model update has arrived and the rest has not */
    public boolean receivingUpdate() {
        int updateApid = plan.apid(satellite, Product.MODEL_UPDATE);
        return uplink.partial().stream().anyMatch(p -> p.apid() == updateApid);
    }

    /** @return the radio this link drives */
    public PassGatedRadio radio() {
        return radio;
    }

    /** @return uplink rejections by reason */
    public RejectCounters rejects() {
        return uplink.rejects();
    }

    public long deltasAcknowledged() {
        return deltasAcknowledged;
    }

    public long updatesReceived() {
        return updatesReceived;
    }

    /** @return the downlink outbox (counts of packets sent and resent) */
    public Outbox outbox() {
        return outbox;
    }

    public String satellite() {
        return satellite;
    }
}
