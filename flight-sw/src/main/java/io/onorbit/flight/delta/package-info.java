/**
 * Compact weight deltas: what a spacecraft learned, as few bytes as a ground pass allows.
 *
 * <p>A {@link io.onorbit.flight.delta.WeightDelta} is the change of the onboard float32
 * parameters since the last delta, relative to a named base global model
 * ({@link io.onorbit.flight.learning.model.ModelVersion}: version and SHA-256 digest). The
 * {@link io.onorbit.flight.delta.DeltaEncoder} keeps the top-k entries by magnitude, quantizes them
 * to 1..8 bits with one scale per delta or per tensor (1 bit = sign x mean magnitude), or keeps
 * float32 (bits = 32), and with error feedback carries what was not sent into the next delta, so
 * the sum of the deltas sent for one base tracks the onboard weights. Deltas are incremental:
 * base + sum of the deltas of one base = the weights the ground knows of; with one delta per base
 * (the usual federated round) {@code applyTo(base)} gives the sent weights.
 *
 * <p>{@link io.onorbit.flight.delta.DeltaCodec} writes and reads the byte format (shared with the
 * ground): header (satellite, sequence, base version and digest, sample count, creation time),
 * indices coded as varint gaps, a bitmap or "all", whichever is smallest, bit-packed levels, and a
 * SHA-256 over all of it. {@link io.onorbit.flight.delta.DeltaMerger} sums two deltas of the same
 * base and re-sparsifies (used by the store-and-forward queue when it is full).
 *
 * <p>Limits: at most 2^31-1 parameters; satellite names up to 255 UTF-8 bytes. Sizes are bytes.
 */
package io.onorbit.flight.delta;
