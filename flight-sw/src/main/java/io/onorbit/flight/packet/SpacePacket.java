package io.onorbit.flight.packet;

import java.util.Arrays;
import java.util.Objects;

/**
 * One CCSDS Space Packet, decoded. Immutable.
 *
 * @param telecommand     packet type bit: true = telecommand (uplink), false = telemetry
 * @param secondaryHeader secondary header flag
 * @param apid            application process identifier, 0..2047
 * @param flags           sequence flags
 * @param sequenceCount   per-APID count, 0..16383
 * @param data            packet data field without the error control field (secondary header +
 *                        user data), 1..65533 octets
 */
public record SpacePacket(boolean telecommand, boolean secondaryHeader, int apid, SequenceFlags flags,
                          int sequenceCount, byte[] data) {

    /** Octets of the primary header. */
    public static final int PRIMARY_HEADER_BYTES = 6;
    /** Octets of the packet error control field. */
    public static final int CRC_BYTES = 2;
    /** Largest APID value (0x7FF is the idle APID). */
    public static final int MAX_APID = 0x7FF;
    /** Modulus of the sequence count. */
    public static final int SEQUENCE_MODULUS = 1 << 14;
    /** Largest data field without the error control field: 65536 - 2. */
    public static final int MAX_DATA_BYTES = 65536 - CRC_BYTES;

    public SpacePacket {
        if (apid < 0 || apid > MAX_APID) {
            throw new IllegalArgumentException("apid " + apid + " must be in 0..2047");
        }
        if (sequenceCount < 0 || sequenceCount >= SEQUENCE_MODULUS) {
            throw new IllegalArgumentException("sequenceCount " + sequenceCount + " must be in 0..16383");
        }
        Objects.requireNonNull(flags, "flags");
        if (data == null || data.length < 1 || data.length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("data field must be 1.." + MAX_DATA_BYTES + " octets");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** @return total octets on the wire: header, data, error control */
    public int lengthBytes() {
        return PRIMARY_HEADER_BYTES + data.length + CRC_BYTES;
    }

    /** @return the packet as octets: primary header, data field, CRC-16 */
    public byte[] encode() {
        byte[] b = new byte[lengthBytes()];
        int w0 = (telecommand ? 1 << 12 : 0) | (secondaryHeader ? 1 << 11 : 0) | apid; // version 000
        int w1 = (flags.code() << 14) | sequenceCount;
        int w2 = data.length + CRC_BYTES - 1;
        b[0] = (byte) (w0 >>> 8);
        b[1] = (byte) w0;
        b[2] = (byte) (w1 >>> 8);
        b[3] = (byte) w1;
        b[4] = (byte) (w2 >>> 8);
        b[5] = (byte) w2;
        System.arraycopy(data, 0, b, PRIMARY_HEADER_BYTES, data.length);
        int crc = Crc16Ccitt.compute(b, 0, b.length - CRC_BYTES);
        b[b.length - 2] = (byte) (crc >>> 8);
        b[b.length - 1] = (byte) crc;
        return b;
    }

    /**
     * Parses and checks one packet; never throws on bad bytes.
     *
     * @param b        octets of exactly one packet
     * @param counters where a rejection is counted
     * @return the packet, or empty if rejected (reason counted)
     */
    public static java.util.Optional<SpacePacket> decode(byte[] b, RejectCounters counters) {
        if (b == null || b.length < PRIMARY_HEADER_BYTES + 1 + CRC_BYTES) {
            counters.reject(RejectReason.TRUNCATED, (b == null ? 0 : b.length) + " octets, fewer than a packet's 9");
            return java.util.Optional.empty();
        }
        int w0 = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        int w1 = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        int declared = (((b[4] & 0xFF) << 8) | (b[5] & 0xFF)) + 1 + PRIMARY_HEADER_BYTES;
        if ((w0 >>> 13) != 0) {
            counters.reject(RejectReason.BAD_VERSION, "version " + (w0 >>> 13));
            return java.util.Optional.empty();
        }
        if (b.length < declared) {
            counters.reject(RejectReason.TRUNCATED, b.length + " octets, length field says " + declared);
            return java.util.Optional.empty();
        }
        if (b.length > declared) {
            counters.reject(RejectReason.LENGTH_MISMATCH, b.length + " octets, length field says " + declared);
            return java.util.Optional.empty();
        }
        if (declared < PRIMARY_HEADER_BYTES + 1 + CRC_BYTES) {
            counters.reject(RejectReason.TRUNCATED, "data field of " + (declared - PRIMARY_HEADER_BYTES)
                    + " octets cannot hold the error control field");
            return java.util.Optional.empty();
        }
        int crc = ((b[b.length - 2] & 0xFF) << 8) | (b[b.length - 1] & 0xFF);
        int computed = Crc16Ccitt.compute(b, 0, b.length - CRC_BYTES);
        if (crc != computed) {
            counters.reject(RejectReason.BAD_CHECK, "CRC " + Integer.toHexString(crc) + ", computed " + Integer.toHexString(computed));
            return java.util.Optional.empty();
        }
        byte[] data = Arrays.copyOfRange(b, PRIMARY_HEADER_BYTES, b.length - CRC_BYTES);
        return java.util.Optional.of(new SpacePacket((w0 & 0x1000) != 0, (w0 & 0x0800) != 0, w0 & 0x7FF,
                SequenceFlags.ofCode(w1 >>> 14), w1 & 0x3FFF, data));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpacePacket p && p.telecommand == telecommand && p.secondaryHeader == secondaryHeader
                && p.apid == apid && p.flags == flags && p.sequenceCount == sequenceCount
                && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(telecommand, secondaryHeader, apid, flags, sequenceCount) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "SpacePacket[apid " + apid + ", " + flags + ", seq " + sequenceCount + ", " + data.length + " data octets]";
    }
}
