package io.onorbit.ground.ingest;

/**
 * The narrow view ingest needs of the packet layer: feed one packet, learn what it did. Tests may use
 * simple stand-ins; production wraps the flight-sw CCSDS reassembler. Implementations must never throw on bad input.
 */
public interface PacketAssembler {

    /** What one packet did. {@code satellite} is "" when the packet names none we know. */
    sealed interface Step permits Message, Waiting, Duplicate, Refused {
        String satellite();
    }

    /**
     * The packet completed a message whose packet and message checks passed.
     *
     * @param satellite sender, from the APID
     * @param delta     true if the message is a weight delta (other products are not ingested)
     * @param bytes     the message
     */
    record Message(String satellite, boolean delta, byte[] bytes) implements Step {
    }

    /** Stored; its message still misses segments. */
    record Waiting(String satellite) implements Step {
    }

    /** A segment or message already received (a retransmission). */
    record Duplicate(String satellite) implements Step {
    }

    /**
     * Refused by a packet or message check.
     *
     * @param reason short machine-readable reason, e.g. "packet-crc"
     * @param detail one line for people
     */
    record Refused(String satellite, String reason, String detail) implements Step {
    }

    /** @return what {@code packet} did; never throws */
    Step offer(byte[] packet);
}
