/**
 * The compression trade study ({@code onorbit experiment compression MISSION.yaml}): how many bytes
 * a delta takes against how much task error compression costs.
 *
 * <p>Federated rounds: each round every client (satellite) starts from the global model, trains
 * locally, and sends one delta through the real codec ({@link io.onorbit.flight.delta.DeltaEncoder}
 * with its error feedback, {@link io.onorbit.flight.delta.DeltaCodec} encode and decode); the ground
 * adds the mean of the decoded deltas to the global model. The error is the task error of the final
 * global model on held-out data; the baseline exchanges uncompressed float32 deltas with the same
 * seeds, so compression is the only difference. Bytes are the mean encoded bytes per delta (header
 * and digests included, packet framing excluded); the ratio divides the dense float32 delta
 * (4 bytes x parameters, no header) by them, so it is the conservative one.
 *
 * <p>The model and task come from a {@link io.onorbit.verification.compression.FederatedProblem};
 * {@link io.onorbit.verification.compression.TeacherNetworkProblem} is a one-hidden-layer tanh
 * network regressing a fixed random teacher network, each client seeing inputs shifted its own way
 * (non-identical data). Deterministic given the seed.
 *
 * <p>The study's settings (rounds, clients, local steps, hidden width, seeds) are its own
 * {@link io.onorbit.verification.compression.CompressionExperimentSettings}, read once at load from
 * the mission's {@code link.experiment} (the mission loader leaves it to the study); the flight
 * link's settings no longer carry them. The command ({@code experiment compression}) lives with the
 * other experiment commands in {@code verification.experiment}, so that this package is the study
 * alone and the mission file can read its settings without a package cycle.
 */
package io.onorbit.verification.compression;
