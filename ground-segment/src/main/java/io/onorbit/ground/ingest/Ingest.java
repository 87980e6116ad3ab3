package io.onorbit.ground.ingest;

import com.google.common.hash.Hashing;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaFlag;
import io.onorbit.ground.archive.DeltaSubmission;
import io.onorbit.ground.archive.RejectEntry;
import io.onorbit.ground.review.ReviewPolicy;
import io.onorbit.ground.uplink.UplinkKeys;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Downlink ingest: packets in, archived deltas out. Each packet goes to the assembler (packet CRC,
 * segmentation, message CRC); each completed delta message is authenticated (the satellite's
 * HMAC seal, checked before anything is decoded), decoded (counts bounded by the bytes present
 * and the archive's model size; delta digest), flagged by
 * the review policy and stored with its pass; duplicates are dropped; every refusal is archived
 * with its reason. Bad input never throws; only an archive failure does. A delta counts as
 * {@link Result#STORED} only once its archive transaction has committed, so whoever acknowledges
 * it to the spacecraft (the ground link) does so after the commit.
 *
 * <p>Mutable (the assembler holds partial messages). Its methods are synchronized, so the ground
 * links of several satellites (one thread each) may share one ingest and its archive.
 */
public final class Ingest {

    /** What one packet led to. */
    public enum Result {
        /** A delta was completed, decoded and archived. */
        STORED,
        /** Stored by the assembler; its message is incomplete. */
        PENDING,
        /** A retransmitted segment, or a delta already archived: dropped. */
        DUPLICATE,
        /** Refused (reason archived). */
        REJECTED,
        /** A whole message that is not a delta (acks, requests): not ingested. */
        IGNORED
    }

    /**
     * Where and when the packets are received.
     *
     * @param passNumber the sending satellite's pass counter, &ge; 0
     * @param station    receiving ground station
     * @param at         reception time (UTC)
     */
    public record Pass(long passNumber, String station, Instant at) {
    }

    /** Messages in progress at once per ground link ({@link #forLink}). */
    public static final int MAX_PARTIAL_MESSAGES = 64;
    /** Largest message accepted by {@link #forLink}, bytes (a float32 delta of 4 M parameters). */
    public static final int MAX_MESSAGE_BYTES = 16 << 20;

    private final Archive archive;
    private final ReviewPolicy policy;
    private final PacketAssembler assembler;
    private final DeltaAuthenticator authenticator;
    private final DeltaDecoder decoder;
    private final EnumMap<Result, Long> counts = new EnumMap<>(Result.class);
    private final Map<String, Long> rejectReasons = new TreeMap<>();
    private Optional<Long> lastStoredId = Optional.empty();

    /**
     * @param authenticator checks each whole delta message's seal before {@code decoder} sees it
     */
    public Ingest(Archive archive, ReviewPolicy policy, PacketAssembler assembler, DeltaAuthenticator authenticator,
                  DeltaDecoder decoder) {
        this.archive = archive;
        this.policy = policy;
        this.assembler = assembler;
        this.authenticator = authenticator;
        this.decoder = decoder;
    }

    /**
     * @param keys the satellites' keys: a delta message must be sealed with its channel's key
     * @return ingest over the flight-sw link layer: CCSDS packets on the constellation's APIDs,
     *         sealed deltas in the {@link io.onorbit.flight.delta.DeltaCodec} format, decoded with
     *         counts bounded by the archive's current model size
     */
    public static Ingest forLink(Archive archive, ReviewPolicy policy, ApidPlan plan, UplinkKeys keys) {
        return new Ingest(archive, policy, new CcsdsPacketAssembler(plan, MAX_PARTIAL_MESSAGES, MAX_MESSAGE_BYTES),
                new DeltaAuthenticator(keys), new FlightDeltaDecoder(() -> archive.latestDimension().orElse(Integer.MAX_VALUE)));
    }

    /**
     * What a whole delta message led to.
     *
     * @param result STORED (committed to the archive), DUPLICATE (already archived) or REJECTED
     * @param delta  the decoded delta, unless rejected
     */
    public record Outcome(Result result, Optional<DeltaDecoder.Decoded> delta) {
    }

    /**
     * Ingests one whole delta message reassembled by the link protocol
     * ({@link io.onorbit.ground.link.GroundLink}), which acknowledges it only if the outcome is
     * STORED or DUPLICATE, that is once it is committed to the archive.
     *
     * @param satellite the channel it came on (its key authenticates the message)
     * @param messageId the link message id: must be the low 32 bits of the delta's sequence
     * @param message   the sealed delta message ({@link io.onorbit.flight.link.DeltaSeal})
     * @return the outcome; never throws on bad bytes
     * @throws io.onorbit.ground.archive.ArchiveException only if the archive itself fails
     */
    public synchronized Outcome acceptDelta(String satellite, long messageId, byte[] message, Pass pass) {
        return acceptMessage(satellite, OptionalLong.of(messageId), message, pass);
    }

    private Outcome acceptMessage(String satellite, OptionalLong messageId, byte[] bytes, Pass pass) {
        Outcome o = ingestDelta(new PacketAssembler.Message(satellite, true, bytes == null ? new byte[0] : bytes), messageId, pass);
        counts.merge(o.result(), 1L, Long::sum);
        return o;
    }

    /**
     * Ingests one received packet.
     *
     * @return what it led to; never throws on bad packets
     * @throws io.onorbit.ground.archive.ArchiveException only if the archive itself fails
     */
    public synchronized Result accept(byte[] packet, Pass pass) {
        Result r = handle(packet == null ? new byte[0] : packet, pass);
        counts.merge(r, 1L, Long::sum);
        return r;
    }

    private Result handle(byte[] packet, Pass pass) {
        PacketAssembler.Step step;
        try {
            step = assembler.offer(packet);
        } catch (RuntimeException e) { // a contract breach below us must not stop the downlink
            return reject("", "assembler-error", String.valueOf(e), packet.length, pass);
        }
        if (!step.satellite().isEmpty()) {
            archive.recordPassTraffic(step.satellite(), pass.passNumber(), pass.station(), pass.at(), packet.length, 1);
        }
        if (step instanceof PacketAssembler.Refused f) {
            return reject(f.satellite(), f.reason(), f.detail(), packet.length, pass);
        }
        if (step instanceof PacketAssembler.Waiting) {
            return Result.PENDING;
        }
        if (step instanceof PacketAssembler.Duplicate) {
            return Result.DUPLICATE;
        }
        PacketAssembler.Message m = (PacketAssembler.Message) step;
        return m.delta() ? ingestDelta(m, OptionalLong.empty(), pass).result() : Result.IGNORED;
    }

    private Outcome ingestDelta(PacketAssembler.Message m, OptionalLong messageId, Pass pass) {
        Optional<byte[]> opened = authenticator.open(m.satellite(), m.bytes());
        if (opened.isEmpty()) {
            // Checked before decoding: a forged message never reaches the decoder.
            return rejected(m.satellite(), "unauthenticated", "delta message of " + m.bytes().length
                    + " bytes not sealed with " + m.satellite() + "'s key", m.bytes().length, pass);
        }
        byte[] bytes = opened.get();
        DeltaDecoder.Decoded d;
        try {
            d = decoder.decode(bytes);
        } catch (DeltaDecoder.Refusal e) {
            return rejected(m.satellite(), e.reason(), e.getMessage(), bytes.length, pass);
        } catch (RuntimeException e) {
            return rejected(m.satellite(), "delta-format", String.valueOf(e), bytes.length, pass);
        }
        if (!d.satellite().equals(m.satellite())) {
            return rejected(m.satellite(), "satellite-mismatch", "delta says it is from " + d.satellite() + " but came on "
                    + m.satellite() + "'s channel", bytes.length, pass);
        }
        if (messageId.isPresent() && (d.sequence() & 0xFFFFFFFFL) != messageId.getAsLong()) {
            return rejected(m.satellite(), "message-id-mismatch", "delta " + d.sequence() + " arrived as message "
                    + messageId.getAsLong(), bytes.length, pass);
        }
        DeltaSubmission s;
        try {
            s = new DeltaSubmission(d.satellite(), pass.passNumber(), pass.station(), d.baseVersion(), d.baseDigest(),
                    Hashing.sha256().hashBytes(bytes).asBytes(), d.sampleCount(), d.createdAt(), d.values(), bytes);
        } catch (RuntimeException e) {
            return rejected(m.satellite(), "delta-fields", e.getMessage(), bytes.length, pass);
        }
        if (archive.containsDelta(s.satellite(), s.digest())) {
            rejectReasons.merge("duplicate-delta", 1L, Long::sum);
            return new Outcome(Result.DUPLICATE, Optional.of(d));
        }
        Set<DeltaFlag> flags = policy.auto(s, archive);
        Optional<Long> id = archive.storeDelta(s, flags, pass.at()); // returns after the commit
        if (id.isEmpty()) {
            return new Outcome(Result.DUPLICATE, Optional.of(d));
        }
        lastStoredId = id;
        return new Outcome(Result.STORED, Optional.of(d));
    }

    private Outcome rejected(String satellite, String reason, String detail, long bytes, Pass pass) {
        return new Outcome(reject(satellite, reason, detail, bytes, pass), Optional.empty());
    }

    private Result reject(String satellite, String reason, String detail, long bytes, Pass pass) {
        rejectReasons.merge(reason, 1L, Long::sum);
        archive.recordReject(new RejectEntry(pass.at(), satellite, reason, detail == null ? "" : detail, bytes));
        return Result.REJECTED;
    }

    /** @return packets (and whole deltas) by what they led to since this ingest was made */
    public synchronized Map<Result, Long> counts() {
        return Map.copyOf(counts);
    }

    /** @return refusals (and dropped duplicate deltas) by reason since this ingest was made */
    public synchronized Map<String, Long> rejectReasons() {
        return Map.copyOf(rejectReasons);
    }

    /** @return archive id of the last delta stored, if any */
    public synchronized Optional<Long> lastStoredId() {
        return lastStoredId;
    }
}
