/**
 * CCSDS Space Packets (CCSDS 133.0-B-2) as this mission uses them: the protocol both ends of the
 * space link share.
 *
 * <p>Primary header, 6 octets, big-endian: version (3 bits, always 000), type (1 bit: 0 telemetry,
 * 1 telecommand), secondary header flag (1 bit), APID (11 bits), sequence flags (2 bits: 01 first,
 * 00 continuation, 10 last, 11 unsegmented), sequence count (14 bits, per APID, wraps at 16384),
 * data length (16 bits, octets in the data field minus 1). The data field holds a 10-octet
 * secondary header (mission-defined ancillary data: satellite number u16, message id u32, segment index u16, segment
 * count u16), the user data, and a 2-octet packet error control field: CRC-16-CCITT (polynomial
 * 0x1021, initial 0xFFFF, no reflection, no final XOR) over every preceding octet of the packet.
 *
 * <p>{@link io.onorbit.flight.packet.Packetizer} splits a message (a delta, an acknowledgement,
 * a model update) into packets; it appends a CRC-32C over the whole message first, so a message
 * is checked end to end as well as per packet. {@link io.onorbit.flight.packet.Reassembler}
 * accepts packets in any order, rejects duplicates, reports the segments still missing (for
 * selective repeat), bounds its memory, and never throws on bad input: every rejection is counted
 * by reason in {@link io.onorbit.flight.packet.RejectCounters} and logged at DEBUG level.
 * {@link io.onorbit.flight.packet.ApidPlan} gives each product its APID (shared by all satellites)
 * and each satellite its number (16 bits), carried in every packet's segment header (satellite
 * number u16, message id u32, segment index u16, segment count u16) and checked on receipt.
 */
package io.onorbit.flight.packet;
