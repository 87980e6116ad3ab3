package io.onorbit.flight.packet;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.zip.CRC32C;

/**
 * Rebuilds messages from packets made by {@link Packetizer}, in any order, with duplicates and
 * gaps. Never throws on bad input: each refusal is counted by reason in {@link #rejects()}.
 * Memory is bounded: at most {@code maxPartialMessages} messages in progress (the oldest is
 * evicted and counted) and {@code maxMessageBytes} octets per message. Not thread-safe.
 */
public final class Reassembler {

    /** A whole message, its CRC-32C checked and stripped. */
    public record Message(int apid, boolean telecommand, long messageId, byte[] bytes) {
    }

    /** What one packet did. */
    public sealed interface Outcome permits Completed, Pending, AlreadyComplete, Rejected {
    }

    /** The packet completed a message. */
    public record Completed(Message message) implements Outcome {
    }

    /** The packet was stored; its message still misses segments. */
    public record Pending(int apid, long messageId, int received, int count) implements Outcome {
    }

    /** The packet belongs to a message already delivered (the sender may need its ack again). */
    public record AlreadyComplete(int apid, long messageId) implements Outcome {
    }

    /** The packet was refused. */
    public record Rejected(RejectReason reason) implements Outcome {
    }

    /** A message still in progress. */
    public record PartialStatus(int apid, long messageId, int count, int[] missing) {
    }

    private static final int REMEMBERED_COMPLETE = 1024;

    private final IntPredicate knownApid;
    private final int satelliteNumber;
    private final int maxPartialMessages;
    private final int maxMessageBytes;
    private final RejectCounters rejects = new RejectCounters();
    private final LinkedHashMap<Long, Partial> partial = new LinkedHashMap<>();
    private final LinkedHashMap<Long, Boolean> complete = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> e) {
            return size() > REMEMBERED_COMPLETE;
        }
    };
    private long outOfOrder;
    private long delivered;

    private static final class Partial {
        final int apid;
        final boolean telecommand;
        final long messageId;
        final byte[][] segments;
        int received;
        int highest = -1;
        long bytes;

        Partial(int apid, boolean telecommand, long messageId, int count) {
            this.apid = apid;
            this.telecommand = telecommand;
            this.messageId = messageId;
            this.segments = new byte[count][];
        }
    }

    /**
     * @param knownApid          which APIDs to accept (e.g. {@code plan::isKnown})
     * @param satelliteNumber    the one satellite whose streams this reassembles ({@link ApidPlan#number}):
     *                           a packet whose segment header names another is refused
     *                           ({@link RejectReason#WRONG_SATELLITE})
     * @param maxPartialMessages messages in progress at once, &ge; 1
     * @param maxMessageBytes    largest message, octets, &ge; 1
     */
    public Reassembler(IntPredicate knownApid, int satelliteNumber, int maxPartialMessages, int maxMessageBytes) {
        if (maxPartialMessages < 1 || maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxPartialMessages and maxMessageBytes must be >= 1");
        }
        if (satelliteNumber < 0 || satelliteNumber >= ApidPlan.MAX_SATELLITES) {
            throw new IllegalArgumentException("satelliteNumber " + satelliteNumber + " must be in 0.."
                    + (ApidPlan.MAX_SATELLITES - 1));
        }
        this.knownApid = knownApid;
        this.satelliteNumber = satelliteNumber;
        this.maxPartialMessages = maxPartialMessages;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** @return the message {@code packet} completed, if any (rejections are counted) */
    public Optional<Message> accept(byte[] packet) {
        return offer(packet) instanceof Completed c ? Optional.of(c.message()) : Optional.empty();
    }

    /** @return what {@code packet} did; never throws */
    public Outcome offer(byte[] packet) {
        Optional<SpacePacket> decoded = SpacePacket.decode(packet, rejects);
        if (decoded.isEmpty()) {
            return new Rejected(rejects.lastReason());
        }
        return offer(decoded.get());
    }

    private Outcome reject(RejectReason reason, String detail) {
        rejects.reject(reason, detail);
        return new Rejected(reason);
    }

    /** @return what an already-decoded packet did; never throws */
    public Outcome offer(SpacePacket p) {
        if (!knownApid.test(p.apid())) {
            return reject(RejectReason.UNKNOWN_APID, "apid " + p.apid());
        }
        byte[] data = p.data();
        if (!p.secondaryHeader() || data.length <= Packetizer.SEGMENT_HEADER_BYTES) {
            return reject(RejectReason.BAD_SEGMENT_HEADER, "apid " + p.apid() + ": no segment header");
        }
        int satellite = satelliteNumber(data);
        if (satellite != satelliteNumber) {
            return reject(RejectReason.WRONG_SATELLITE, "apid " + p.apid() + ": satellite number " + satellite
                    + ", expected " + satelliteNumber);
        }
        long id = ((data[2] & 0xFFL) << 24) | ((data[3] & 0xFF) << 16) | ((data[4] & 0xFF) << 8) | (data[5] & 0xFF);
        int index = ((data[6] & 0xFF) << 8) | (data[7] & 0xFF);
        int count = ((data[8] & 0xFF) << 8) | (data[9] & 0xFF);
        if (count == 0 || index >= count) {
            return reject(RejectReason.BAD_SEGMENT_HEADER, "segment " + index + " of " + count);
        }
        if (p.flags() != SequenceFlags.of(index, count)) {
            return reject(RejectReason.INCONSISTENT_SEGMENT, "flags " + p.flags() + " on segment " + index + " of " + count);
        }
        long key = ((long) p.apid() << 32) | id;
        if (complete.containsKey(key)) {
            rejects.reject(RejectReason.DUPLICATE_SEGMENT, "message " + id + " on apid " + p.apid() + " already complete");
            return new AlreadyComplete(p.apid(), id);
        }
        Partial m = partial.get(key);
        if (m == null) {
            if (partial.size() >= maxPartialMessages) {
                Iterator<Map.Entry<Long, Partial>> it = partial.entrySet().iterator();
                Partial old = it.next().getValue();
                it.remove();
                rejects.reject(RejectReason.EVICTED, "message " + old.messageId + " on apid " + old.apid
                        + " with " + old.received + " of " + old.segments.length + " segments");
            }
            m = new Partial(p.apid(), p.telecommand(), id, count);
            partial.put(key, m);
        } else if (m.segments.length != count || m.telecommand != p.telecommand()) {
            return reject(RejectReason.INCONSISTENT_SEGMENT, "message " + id + " had " + m.segments.length
                    + " segments, packet says " + count);
        }
        if (m.segments[index] != null) {
            return reject(RejectReason.DUPLICATE_SEGMENT, "segment " + index + " of message " + id);
        }
        int len = data.length - Packetizer.SEGMENT_HEADER_BYTES;
        if (m.bytes + len > maxMessageBytes + (long) Packetizer.MESSAGE_CRC_BYTES) {
            partial.remove(key);
            return reject(RejectReason.BAD_SEGMENT_HEADER, "message " + id + " exceeds " + maxMessageBytes + " octets");
        }
        if (index != m.highest + 1) {
            outOfOrder++;
        }
        m.highest = Math.max(m.highest, index);
        m.segments[index] = Arrays.copyOfRange(data, Packetizer.SEGMENT_HEADER_BYTES, data.length);
        m.bytes += len;
        m.received++;
        if (m.received < count) {
            return new Pending(p.apid(), id, m.received, count);
        }
        partial.remove(key);
        ByteArrayOutputStream all = new ByteArrayOutputStream((int) m.bytes);
        for (byte[] s : m.segments) {
            all.write(s, 0, s.length);
        }
        byte[] full = all.toByteArray();
        if (full.length < Packetizer.MESSAGE_CRC_BYTES) {
            return reject(RejectReason.BAD_MESSAGE_CHECK, "message " + id + " shorter than its CRC");
        }
        int body = full.length - Packetizer.MESSAGE_CRC_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(full, 0, body);
        long sent = ((full[body] & 0xFFL) << 24) | ((full[body + 1] & 0xFF) << 16) | ((full[body + 2] & 0xFF) << 8)
                | (full[body + 3] & 0xFF);
        if (crc.getValue() != sent) {
            return reject(RejectReason.BAD_MESSAGE_CHECK, "message " + id + " on apid " + p.apid());
        }
        complete.put(key, Boolean.TRUE);
        delivered++;
        return new Completed(new Message(p.apid(), p.telecommand(), id, Arrays.copyOf(full, body)));
    }

    /** @return the satellite number in a packet data field's segment header (its first two octets) */
    static int satelliteNumber(byte[] data) {
        return ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
    }

    /**
     * @param packet an encoded packet
     * @return the satellite number of its segment header, if the packet is long enough to have one
     *         (nothing else is checked: for routing a packet to its satellite's reassembler)
     */
    public static Optional<Integer> satelliteNumberOf(byte[] packet) {
        int at = SpacePacket.PRIMARY_HEADER_BYTES;
        return packet != null && packet.length >= at + 2 ? Optional.of(((packet[at] & 0xFF) << 8) | (packet[at + 1] & 0xFF))
                : Optional.empty();
    }

    /** @return the satellite number this reassembler accepts */
    public int satelliteNumber() {
        return satelliteNumber;
    }

    /** @return segment indices still missing for a message in progress (empty if unknown) */
    public int[] missingSegments(int apid, long messageId) {
        Partial m = partial.get(((long) apid << 32) | (messageId & 0xFFFFFFFFL));
        if (m == null) {
            return new int[0];
        }
        int[] out = new int[m.segments.length - m.received];
        int c = 0;
        for (int i = 0; i < m.segments.length; i++) {
            if (m.segments[i] == null) {
                out[c++] = i;
            }
        }
        return out;
    }

    /**
     * Forgets a delivered message (e.g. its content failed to decode), so that a resend is
     * reassembled afresh instead of being refused as a duplicate.
     */
    public void forget(int apid, long messageId) {
        long key = ((long) apid << 32) | (messageId & 0xFFFFFFFFL);
        complete.remove(key);
        partial.remove(key);
    }

    /** @return true if a message was delivered recently (within the last 1024) */
    public boolean isComplete(int apid, long messageId) {
        return complete.containsKey(((long) apid << 32) | (messageId & 0xFFFFFFFFL));
    }

    /** @return messages in progress, oldest first */
    public List<PartialStatus> partial() {
        List<PartialStatus> out = new ArrayList<>();
        for (Partial m : partial.values()) {
            out.add(new PartialStatus(m.apid, m.messageId, m.segments.length, missingSegments(m.apid, m.messageId)));
        }
        return out;
    }

    /** @return rejections by reason */
    public RejectCounters rejects() {
        return rejects;
    }

    /** @return segments that arrived after a higher-numbered one of their message (accepted) */
    public long outOfOrderSegments() {
        return outOfOrder;
    }

    /** @return messages delivered */
    public long delivered() {
        return delivered;
    }
}
