package io.onorbit.ground.ingest;

import com.google.common.hash.Hashing;
import io.onorbit.flight.delta.DeltaCodec;
import io.onorbit.flight.delta.WeightDelta;
import io.onorbit.flight.packet.ApidPlan;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaFlag;
import io.onorbit.ground.archive.DeltaSubmission;
import io.onorbit.ground.archive.RejectEntry;
import io.onorbit.ground.review.ReviewPolicy;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Downlink ingest: packets in, archived deltas out. Each packet goes to the assembler (packet CRC,
 * segmentation, message CRC); each completed delta message is decoded (delta digest), flagged by
 * the review policy and stored with its pass; duplicates are dropped; every refusal is archived
 * with its reason. Bad input never throws; only an archive failure does.
 *
 * <p>Mutable (the assembler holds partial messages): one per ground station link.
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
    private final DeltaDecoder decoder;
    private final EnumMap<Result, Long> counts = new EnumMap<>(Result.class);
    private final Map<String, Long> rejectReasons = new TreeMap<>();
    private Optional<Long> lastStoredId = Optional.empty();

    public Ingest(Archive archive, ReviewPolicy policy, PacketAssembler assembler, DeltaDecoder decoder) {
        this.archive = archive;
        this.policy = policy;
        this.assembler = assembler;
        this.decoder = decoder;
    }

    /**
     * @return ingest over the flight-sw link layer: CCSDS packets on the constellation's APIDs,
     *         deltas in the {@link io.onorbit.flight.delta.DeltaCodec} format
     */
    public static Ingest forLink(Archive archive, ReviewPolicy policy, ApidPlan plan) {
        return new Ingest(archive, policy, new CcsdsPacketAssembler(plan, MAX_PARTIAL_MESSAGES, MAX_MESSAGE_BYTES),
                new FlightDeltaDecoder());
    }

    /**
     * Ingests a delta whose packets were already reassembled elsewhere (e.g. by the link
     * protocol's {@link io.onorbit.flight.link.GroundLink}, which also acknowledges them).
     */
    public Result acceptDelta(WeightDelta delta, Pass pass) {
        return acceptDeltaBytes(delta.satellite(), DeltaCodec.encode(delta), pass);
    }

    /**
     * Ingests one whole encoded delta received on {@code satellite}'s channel.
     *
     * @return STORED, DUPLICATE or REJECTED; never throws on bad bytes
     */
    public Result acceptDeltaBytes(String satellite, byte[] deltaBytes, Pass pass) {
        Result r = ingestDelta(new PacketAssembler.Message(satellite, true, deltaBytes == null ? new byte[0] : deltaBytes), pass);
        counts.merge(r, 1L, Long::sum);
        return r;
    }

    /**
     * Ingests one received packet.
     *
     * @return what it led to; never throws on bad packets
     * @throws io.onorbit.ground.archive.ArchiveException only if the archive itself fails
     */
    public Result accept(byte[] packet, Pass pass) {
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
        return m.delta() ? ingestDelta(m, pass) : Result.IGNORED;
    }

    private Result ingestDelta(PacketAssembler.Message m, Pass pass) {
        byte[] bytes = m.bytes();
        DeltaDecoder.Decoded d;
        try {
            d = decoder.decode(bytes);
        } catch (DeltaDecoder.Refusal e) {
            return reject(m.satellite(), e.reason(), e.getMessage(), bytes.length, pass);
        } catch (RuntimeException e) {
            return reject(m.satellite(), "delta-format", String.valueOf(e), bytes.length, pass);
        }
        if (!d.satellite().equals(m.satellite())) {
            return reject(m.satellite(), "satellite-mismatch", "delta says it is from " + d.satellite() + " but came on "
                    + m.satellite() + "'s channel", bytes.length, pass);
        }
        DeltaSubmission s;
        try {
            s = new DeltaSubmission(d.satellite(), pass.passNumber(), pass.station(), d.baseVersion(), d.baseDigest(),
                    Hashing.sha256().hashBytes(bytes).asBytes(), d.sampleCount(), d.createdAt(), d.dimension(), d.indices(),
                    d.values(), bytes);
        } catch (RuntimeException e) {
            return reject(m.satellite(), "delta-fields", e.getMessage(), bytes.length, pass);
        }
        if (archive.containsDelta(s.satellite(), s.digest())) {
            rejectReasons.merge("duplicate-delta", 1L, Long::sum);
            return Result.DUPLICATE;
        }
        Set<DeltaFlag> flags = policy.auto(s, archive);
        Optional<Long> id = archive.storeDelta(s, flags, pass.at());
        if (id.isEmpty()) {
            return Result.DUPLICATE;
        }
        lastStoredId = id;
        return Result.STORED;
    }

    private Result reject(String satellite, String reason, String detail, long bytes, Pass pass) {
        rejectReasons.merge(reason, 1L, Long::sum);
        archive.recordReject(new RejectEntry(pass.at(), satellite, reason, detail == null ? "" : detail, bytes));
        return Result.REJECTED;
    }

    /** @return packets (and whole deltas) by what they led to since this ingest was made */
    public Map<Result, Long> counts() {
        return Map.copyOf(counts);
    }

    /** @return refusals (and dropped duplicate deltas) by reason since this ingest was made */
    public Map<String, Long> rejectReasons() {
        return Map.copyOf(rejectReasons);
    }

    /** @return archive id of the last delta stored, if any */
    public Optional<Long> lastStoredId() {
        return lastStoredId;
    }
}
