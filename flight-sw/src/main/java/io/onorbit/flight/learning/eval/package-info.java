/**
 * Evaluation of onboard learning under drift. {@link io.onorbit.flight.learning.eval.DriftExperiment}
 * scores frozen, onboard (local-only: one satellite), ground-retrain (sliding window, latency) and
 * oracle learners on one stream, test-then-train, and measures the recovery after each abrupt
 * drift and from gradual drift on trailing-window mean errors, the oracle held to the same rule
 * (package-private {@code WindowedRecovery}), the training energy (J) and the training memory
 * (bytes). {@link io.onorbit.flight.learning.eval.PrequentialError} (fading factor after Gama et al.
 * 2013) gives the closed loop's error curves. {@link io.onorbit.flight.learning.eval.BatchFitter} is the ground-side fitter
 * (pre-launch, ground retrain, oracle). {@link io.onorbit.flight.learning.eval.TrainingPower} is the
 * envelope as a function of time (W), with a documented sunlit-surplus stand-in.
 * {@link io.onorbit.flight.learning.eval.SyntheticSchedule} is a closed-form schedule for tests.
 *
 * <p>Limits: the ground is assumed to receive every sample recorded before a pass during that
 * pass (no link budget); the ground fits run on the host and are not charged to the spacecraft.
 */
package io.onorbit.flight.learning.eval;
