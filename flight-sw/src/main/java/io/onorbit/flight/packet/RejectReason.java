package io.onorbit.flight.packet;

/** Why a packet or a reassembled message was refused. */
public enum RejectReason {
    /** Fewer octets than the header (and check) need, or than the length field declares. */
    TRUNCATED,
    /** More octets than the length field declares. */
    LENGTH_MISMATCH,
    /** Packet version number not 000. */
    BAD_VERSION,
    /** Packet error control (CRC-16) does not match. */
    BAD_CHECK,
    /** APID not assigned to any satellite product (including the idle APID 0x7FF). */
    UNKNOWN_APID,
    /** Missing or impossible secondary header (no flag, index &ge; count, count 0, too large). */
    BAD_SEGMENT_HEADER,
    /** Sequence flags or segment count disagree with the segment position or earlier segments. */
    INCONSISTENT_SEGMENT,
    /** A segment already held, or one of a message already completed. */
    DUPLICATE_SEGMENT,
    /** The whole-message CRC-32C does not match after reassembly. */
    BAD_MESSAGE_CHECK,
    /** A partial message dropped to bound memory (its segments will be requested again). */
    EVICTED,
    /** A reassembled message whose content (e.g. a delta) failed to decode. */
    BAD_CONTENT,
    /**
     * A delta whose id was already delivered with different content (a whole-delta digest
     * mismatch): refused, not acknowledged, so the spacecraft keeps it.
     */
    ID_CONFLICT,
    /** The segment header names another satellite than the one this stream belongs to. */
    WRONG_SATELLITE
}
