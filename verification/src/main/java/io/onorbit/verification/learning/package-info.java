/**
 * The ground's and the instruments' side of onboard learning, which no spacecraft runs:
 * {@link io.onorbit.verification.learning.BatchFitter}, the ground-side fitter (pre-launch model,
 * ground retrain, oracle; mini-batch SGD over the whole network, host CPU, not charged to any
 * spacecraft); {@link io.onorbit.verification.learning.PrequentialError}, the prequential error
 * with a fading factor (Gama et al. 2013) that scores the learners of the closed loop and the
 * benchmarks (dimensionless, in the task's error unit); and
 * {@link io.onorbit.verification.learning.SyntheticSchedule}, a closed-form onboard schedule
 * (circular orbit at a fixed beta angle: eclipse fraction from the beta-angle formula, regular
 * contacts) for trade studies and tests; and
 * {@link io.onorbit.verification.learning.DriftExperimentSettings}, the mission file's
 * {@code learning.experiment} (warm-up, fading factor, ground and oracle refits, recovery rule),
 * which the drift study and the closed loop's launch-model fit and scoring share. Moved here from
 * {@code flight.learning.eval} and {@code flight.learning}: orbital mechanics, ground fitting and
 * the ground's study settings do not belong in flight software.
 */
package io.onorbit.verification.learning;
