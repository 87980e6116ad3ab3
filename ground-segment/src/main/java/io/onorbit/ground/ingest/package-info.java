/**
 * Downlink ingest: received packets in, archived deltas out. {@link io.onorbit.ground.ingest.Ingest}
 * feeds each packet to a {@link io.onorbit.ground.ingest.PacketAssembler} (packet CRC,
 * segmentation, whole-message check), decodes each completed delta with a
 * {@link io.onorbit.ground.ingest.DeltaDecoder} (delta digest), drops duplicates (same satellite
 * and SHA-256 of the encoded delta), flags it with the review policy and archives it with its
 * pass; every refusal is archived with a short reason. Bad input never throws.
 *
 * <p>The two interfaces are the narrow contract with the flight-sw link layer, so that ingest
 * does not depend on packet internals. Inputs: packet octets, pass number, station, reception
 * time (UTC). Use: {@code Ingest.forLink(archive, policy, apidPlan).accept(packetBytes, pass)} over
 * the flight-sw CCSDS packets and delta codec ({@link io.onorbit.ground.ingest.CcsdsPacketAssembler},
 * {@link io.onorbit.ground.ingest.FlightDeltaDecoder}); or, for the link protocol's
 * {@link io.onorbit.ground.link.GroundLink}, which reassembles a delta message and acknowledges it
 * only once ingest reports it committed, {@code acceptDelta(satellite, messageId, sealedBytes, pass)}.
 * A delta is STORED only after its archive transaction committed (SQLite WAL).
 */
package io.onorbit.ground.ingest;
