/**
 * Federated aggregation on the ground. {@link io.onorbit.ground.aggregation.Aggregator} combines
 * dense deltas: FedAvg weighted by sample counts, or a robust rule (coordinate-wise median, or
 * trimmed mean dropping floor(trim x n) values at each end). {@link
 * io.onorbit.ground.aggregation.AggregationRun} takes the archive's approved deltas built on the
 * current global version, adds the combined delta to it, and stores the next global version with
 * its lineage (which deltas, with which weight).
 *
 * <p>Assumptions and limits: sparse deltas count as zero where they sent nothing (top-k with
 * error feedback carries the rest to a later delta); deltas on an older base are not merged.
 * Robustness: the median stays inside the honest deltas' range per coordinate while fewer than
 * half are poisoned; the trimmed mean does while the poisoned fraction is at most the trim
 * fraction. {@link io.onorbit.ground.aggregation.LinearValidationSet} is the documented stand-in
 * evaluator (linear regression, MSE) until the onboard model's task is wired in.
 *
 * <p>Use: {@code AggregationRun.run(archive, Aggregator.trimmedMean(0.2), Instant.now())}.
 */
package io.onorbit.ground.aggregation;
