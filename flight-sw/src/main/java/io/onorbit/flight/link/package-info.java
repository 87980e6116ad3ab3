/**
 * The space link as the flight software drives it: a pass-gated radio and the delta /
 * acknowledgement / model-update protocol both ends run over CCSDS Space Packets.
 *
 * <p>{@link io.onorbit.flight.link.PassGatedRadio} is the only way out: it follows the
 * {@link io.onorbit.flight.schedule.OnboardSchedule} and refuses (and counts) any packet offered
 * outside a contact window's usable part ([AOS + margin, LOS - margin]) or that would not finish
 * before it ends, whoever asks; each direction has its own clock, so a pass carries at most rate x
 * usable duration bytes (bit/s / 8 x s). {@link io.onorbit.flight.link.SpacecraftLink} sends the
 * oldest queued delta's packets, resumes an interrupted delta in the next pass, resends what the
 * ground asks for again (selective repeat), deletes a delta only on the ground's acknowledgement,
 * and receives model updates. The ground side of the same protocol is
 * {@code io.onorbit.ground.link.GroundLink} in ground-segment (built from the public pieces here:
 * {@link io.onorbit.flight.link.Outbox}, {@link io.onorbit.flight.link.NackPolicy},
 * {@link io.onorbit.flight.link.LinkMessages}): it reassembles deltas, acknowledges each only
 * after the ground archive committed it, asks again for missing or corrupted segments (NACK),
 * and uplinks model updates the same way. A delta whose packets all went
 * out without an acknowledgement is probed at the next pass by resending its last segment, which
 * makes the ground acknowledge it again or say what it misses. After a reset of the flight
 * computer (link state in RAM lost, queue reloaded from flash) a delta that was in flight is
 * resumed the same way: probe first, then only the segments the ground NACKs, so a reset costs
 * one packet instead of everything sent so far. The ground NACKs a new incomplete message at once,
 * then at most once per {@code nackIntervalS}. The ground likewise probes, at each new pass, every
 * model update it sent without an acknowledgement (a spacecraft that reset mid-update forgot it
 * and would never NACK), until it is acknowledged. A delta counts as a duplicate on the ground
 * only if its id and whole-delta SHA-256 both match the delivered one; the same id with another
 * digest is an {@code ID_CONFLICT} reject, neither acknowledged nor delivered, so it stays queued.
 *
 * <p>Message payloads (big-endian): DELTA = {@link io.onorbit.flight.delta.DeltaCodec} bytes,
 * message id = low 32 bits of the delta sequence; DELTA_ACK / UPDATE_ACK = count u16 + message
 * ids u32; DELTA_NACK / UPDATE_NACK = message id u32 + count u16 + segment indices u16. The
 * spacecraft acknowledges a model update only once it is verified and applied; a refused update
 * is answered on the UPDATE_ACK APID by a refusal = 0xFFFF u16 + message id u32 + reason u8
 * (ordinal of {@link io.onorbit.flight.command.UpdateRefusal}) + version held u64.
 */
package io.onorbit.flight.link;
