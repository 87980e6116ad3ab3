package io.onorbit.flight.packet;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Splits messages into Space Packets of at most {@code maxPacketBytes} octets, keeping a 14-bit
 * sequence count per APID that wraps. Not thread-safe.
 *
 * <p>Each packet's data field starts with the 10-octet segment header (satellite number u16, message
 * id u32, segment index u16, segment count u16); the message gets a CRC-32C (4 octets, big-endian)
 * appended before it is split, which {@link Reassembler} checks and strips. The satellite number
 * ({@link ApidPlan#number}) is the sending spacecraft's on the downlink and the addressed one on
 * the uplink: APIDs name products only, so that any constellation fits the 11-bit APID space.
 */
public final class Packetizer {

    /** Octets of the segment (secondary) header. */
    public static final int SEGMENT_HEADER_BYTES = 10;
    /** Octets of the whole-message CRC-32C. */
    public static final int MESSAGE_CRC_BYTES = 4;
    /** Most segments one message may have (u16). */
    public static final int MAX_SEGMENTS = 0xFFFF;
    /** Smallest allowed packet. */
    public static final int MIN_PACKET_BYTES = SpacePacket.PRIMARY_HEADER_BYTES + SEGMENT_HEADER_BYTES + 1
            + SpacePacket.CRC_BYTES;

    private final int maxPacketBytes;
    private final int satelliteNumber;
    private final int[] sequenceCounts = new int[SpacePacket.MAX_APID + 1];
    private CountGuard guard;

    /** Told before a sequence count goes on a packet, so it can be reserved first (e.g. on flash). */
    @FunctionalInterface
    public interface CountGuard {
        void beforeUse(int apid, int count);
    }

    /**
     * @param maxPacketBytes  largest packet on the wire, octets, in [19, 65542]
     * @param satelliteNumber satellite number written into every segment header, 0..65535
     *                        ({@link ApidPlan#number})
     */
    public Packetizer(int maxPacketBytes, int satelliteNumber) {
        if (maxPacketBytes < MIN_PACKET_BYTES || maxPacketBytes > SpacePacket.PRIMARY_HEADER_BYTES + 65536) {
            throw new IllegalArgumentException("maxPacketBytes " + maxPacketBytes + " must be in "
                    + MIN_PACKET_BYTES + ".." + (SpacePacket.PRIMARY_HEADER_BYTES + 65536));
        }
        if (satelliteNumber < 0 || satelliteNumber >= ApidPlan.MAX_SATELLITES) {
            throw new IllegalArgumentException("satelliteNumber " + satelliteNumber + " must be in 0.."
                    + (ApidPlan.MAX_SATELLITES - 1));
        }
        this.maxPacketBytes = maxPacketBytes;
        this.satelliteNumber = satelliteNumber;
    }

    /** @return the satellite number this packetizer writes */
    public int satelliteNumber() {
        return satelliteNumber;
    }

    public int maxPacketBytes() {
        return maxPacketBytes;
    }

    /** @return message octets one packet carries */
    public int payloadBytesPerPacket() {
        return maxPacketBytes - SpacePacket.PRIMARY_HEADER_BYTES - SEGMENT_HEADER_BYTES - SpacePacket.CRC_BYTES;
    }

    /** @return packets a message of {@code messageBytes} octets needs */
    public int packetCount(int messageBytes) {
        int total = messageBytes + MESSAGE_CRC_BYTES;
        return (total + payloadBytesPerPacket() - 1) / payloadBytesPerPacket();
    }

    /** @return octets on the wire for a message of {@code messageBytes} octets */
    public long wireBytes(int messageBytes) {
        int count = packetCount(messageBytes);
        return (long) messageBytes + MESSAGE_CRC_BYTES + (long) count
                * (SpacePacket.PRIMARY_HEADER_BYTES + SEGMENT_HEADER_BYTES + SpacePacket.CRC_BYTES);
    }

    /**
     * @param apid        APID of the stream
     * @param telecommand packet type bit
     * @param messageId   message id (low 32 bits are sent), the same for every segment
     * @param message     message octets
     * @return the packets, in order, as octets
     */
    public List<byte[]> segment(int apid, boolean telecommand, long messageId, byte[] message) {
        List<byte[]> out = segmentUnsequenced(apid, telecommand, messageId, message);
        for (int i = 0; i < out.size(); i++) {
            out.set(i, stampNext(out.get(i)));
            take(apid);
        }
        return out;
    }

    /**
     * Like {@link #segment} but every packet carries count 0 and no count is taken: for a sender
     * that stamps each packet with {@link #stampNext} when it actually goes out, so that a
     * retransmission, being a new packet, takes the next count (CCSDS 133.0-B-2 4.1.3.4.2.2).
     */
    public List<byte[]> segmentUnsequenced(int apid, boolean telecommand, long messageId, byte[] message) {
        CRC32C crc = new CRC32C();
        crc.update(message);
        long c = crc.getValue();
        byte[] full = java.util.Arrays.copyOf(message, message.length + MESSAGE_CRC_BYTES);
        for (int k = 0; k < 4; k++) {
            full[message.length + k] = (byte) (c >>> (24 - 8 * k));
        }
        int per = payloadBytesPerPacket();
        int count = (full.length + per - 1) / per;
        if (count > MAX_SEGMENTS) {
            throw new IllegalArgumentException("message of " + message.length + " octets needs " + count
                    + " packets, more than " + MAX_SEGMENTS);
        }
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * per;
            int len = Math.min(per, full.length - from);
            byte[] data = new byte[SEGMENT_HEADER_BYTES + len];
            data[0] = (byte) (satelliteNumber >>> 8);
            data[1] = (byte) satelliteNumber;
            data[2] = (byte) (messageId >>> 24);
            data[3] = (byte) (messageId >>> 16);
            data[4] = (byte) (messageId >>> 8);
            data[5] = (byte) messageId;
            data[6] = (byte) (i >>> 8);
            data[7] = (byte) i;
            data[8] = (byte) (count >>> 8);
            data[9] = (byte) count;
            System.arraycopy(full, from, data, SEGMENT_HEADER_BYTES, len);
            out.add(new SpacePacket(telecommand, true, apid, SequenceFlags.of(i, count), 0, data).encode());
        }
        return out;
    }

    /** @return the sequence count the next packet on {@code apid} will carry */
    /**
     * @param packet an encoded packet (from this packetizer)
     * @return a copy under the next sequence count of its APID (count not taken: see {@link #take}),
     *         its packet check recomputed
     */
    public byte[] stampNext(byte[] packet) {
        int apid = ((packet[0] & 0x07) << 8) | (packet[1] & 0xFF);
        int count = sequenceCounts[apid];
        if (guard != null) {
            guard.beforeUse(apid, count);
        }
        byte[] b = packet.clone();
        b[2] = (byte) ((b[2] & 0xC0) | (count >>> 8));
        b[3] = (byte) count;
        int crc = Crc16Ccitt.compute(b, 0, b.length - SpacePacket.CRC_BYTES);
        b[b.length - 2] = (byte) (crc >>> 8);
        b[b.length - 1] = (byte) crc;
        return b;
    }

    /** Takes the next sequence count of {@code apid}: the packet stamped with it went out. */
    public void take(int apid) {
        sequenceCounts[apid] = (sequenceCounts[apid] + 1) % SpacePacket.SEQUENCE_MODULUS;
    }

    /**
     * Continues {@code apid}'s sequence count at {@code count} (modulo 2^14): after a reset, from
     * a high-water mark kept on flash, so counts keep advancing instead of restarting at 0.
     */
    public void resumeAt(int apid, int count) {
        sequenceCounts[apid] = Math.floorMod(count, SpacePacket.SEQUENCE_MODULUS);
    }

    /** Installs the guard told before each count is stamped (null: none). */
    public void guard(CountGuard g) {
        guard = g;
    }

    public int nextSequenceCount(int apid) {
        return sequenceCounts[apid];
    }
}
