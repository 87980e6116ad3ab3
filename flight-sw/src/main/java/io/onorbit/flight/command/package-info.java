/**
 * Command authentication for model updates uplinked from the ground. A {@link
 * io.onorbit.flight.command.ModelUpdate} carries the parameters that changed from a base global
 * version to a target version as a {@link io.onorbit.flight.learning.model.SparseVector} of new
 * float32 values (not differences, so the result is bit-exact), a per-satellite
 * command counter, and both versions' SHA-256 digests; {@link io.onorbit.flight.command.UplinkFrame}
 * appends HMAC-SHA256 under the satellite's key (javax.crypto, key &ge; 16 bytes).
 * {@link io.onorbit.flight.command.UpdateReceiver} applies only updates that are whole, verify,
 * are addressed to it, carry a counter above the last applied one, are newer than the model held,
 * build on exactly that model and produce the target digest; refusals are counted by
 * {@link io.onorbit.flight.command.UpdateRefusal} and reported as
 * {@link io.onorbit.flight.command.CommandTelemetry}.
 *
 * <p>Limits: no encryption (authenticity only); keys are provisioned before launch; the counter
 * must be persisted with the model by the caller. A frame is at most 4 GiB (32-bit counts).
 */
package io.onorbit.flight.command;
