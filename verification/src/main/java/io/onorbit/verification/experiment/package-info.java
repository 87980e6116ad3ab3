/**
 * {@code onorbit experiment}: trade studies. {@code experiment drift MISSION.yaml [--task NAME]
 * [--days N] [--format table|json] [--out FILE]} runs {@link io.onorbit.verification.experiment.DriftExperiment}
 * on the mission's first satellite: time-averaged errors of frozen, onboard, ground-retrain and
 * oracle learners, recovery times (s) after each abrupt drift, training energy (Wh) and peak
 * training memory (bytes). {@code experiment compression MISSION.yaml}
 * ({@link io.onorbit.verification.experiment.CompressionCommand}) runs the compression study of
 * {@code verification.compression} with the settings the mission file gives it.
 *
 * <p>The study itself lives here, on the ground side (moved from {@code flight.learning.eval}):
 * {@link io.onorbit.verification.experiment.DriftExperiment} scores frozen, onboard (local-only:
 * one satellite), ground-retrain (sliding window, latency) and oracle learners on one stream,
 * test-then-train; {@link io.onorbit.verification.experiment.DriftOutcome} holds the figures,
 * with the recovery after each abrupt drift and from gradual drift judged on trailing-window
 * means, the oracle held to the same rule (package-private {@code WindowedRecovery});
 * {@link io.onorbit.verification.experiment.BudgetedTrainingPower} asks a {@code flight.power}
 * {@code TrainingPolicy} (the envelope) sample by sample while it walks the one budget loop,
 * {@code PowerRun}, with the energy training drew. Limits:
 * the ground is assumed to receive every sample recorded before a pass during that pass (no link
 * budget); the ground fits run on the host and are not charged to the spacecraft.
 *
 * <p>Inputs: the mission planner's schedule of the first satellite, the power budget's training
 * envelope ({@code spacecraft.power}, battery stepped with the training energy drawn), the
 * {@code learning} section, and the analog (default) or digital optimizer.
 */
package io.onorbit.verification.experiment;
