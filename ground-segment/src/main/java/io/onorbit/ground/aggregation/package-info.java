/**
 * Federated aggregation on the ground. {@link io.onorbit.ground.aggregation.Aggregator} combines
 * dense deltas: FedAvg weighted by sample counts, or a robust rule (coordinate-wise median, or
 * trimmed mean dropping floor(trim x n) values at each end), each delta first shrunk by its
 * staleness tau (global versions between its base and the current one) as (1 + tau)^-a, a = 0.5
 * by default (FedBuff, Nguyen et al. 2022). {@link io.onorbit.ground.aggregation.AggregationRun}
 * takes every approved delta the ground can apply (its base is a version the ground made), adds
 * the combined delta to the current global version, and stores the next global version with its
 * lineage (which deltas, with which effective weight). In a personalised federation (FedPer,
 * Arivazhagan et al., "Federated Learning with Personalization Layers", 2019) it is given the
 * number of leading coordinates the satellites share (the body); the rest, each satellite's
 * personal head kept on board, stays as in the parent version whatever a delta carries there.
 * In a clustered federation ({@link io.onorbit.ground.aggregation.ClusterRule}: by default a cluster
 * per orbital plane, IFCA-style clustered federated learning with the clusters given by the orbits)
 * each cluster's chain of versions is aggregated from its members' deltas and latest models only,
 * staleness counted along the chain.
 *
 * <p>Assumptions and limits: sparse deltas count as zero where they sent nothing (top-k with
 * error feedback carries the rest to a later delta); a delta on an older base is applied to the
 * newest model as it is (FedBuff's rebase), only down-weighted, never dropped for staleness.
 * Robustness: the median stays inside the honest deltas' range per coordinate while fewer than
 * half are poisoned; the trimmed mean does while the poisoned fraction is at most the trim
 * fraction. Measured (tests SolarArrayFederationTest on the default solar-array drift task, and
 * AggregationExperimentTest on a linear stand-in): the merged model beats every satellite's own,
 * and with 20 % sign-flipped x20 senders the robust rules stay within 10 % of the clean FedAvg
 * error while FedAvg does not. {@link io.onorbit.ground.aggregation.LinearValidationSet} is the
 * report's evaluator for the linear stand-in task (MSE); other models plug in as a
 * {@link io.onorbit.ground.aggregation.ModelEvaluator}.
 *
 * <p>Use: {@code AggregationRun.run(archive, Aggregator.trimmedMean(0.2), Instant.now())}.
 */
package io.onorbit.ground.aggregation;
