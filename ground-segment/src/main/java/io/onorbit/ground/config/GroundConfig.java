package io.onorbit.ground.config;

import io.onorbit.ground.aggregation.AggregationBasis;
import io.onorbit.ground.aggregation.Aggregator;
import io.onorbit.ground.aggregation.ClusterRule;
import io.onorbit.ground.review.ReviewPolicy;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The mission file's {@code ground} section.
 *
 * @param archiveUrl     JDBC URL of the archive; empty means {@code archive.db} in the run's output folder
 * @param uplinkKeysFile file of per-satellite uplink keys (resolved against the mission file's folder); empty
 *                       means uplink products cannot be signed from this mission
 * @param review         automatic flag policy
 * @param aggregator     aggregation rule
 * @param clusters       how the federation is split into clusters, each with its own chain of global versions
 */
public record GroundConfig(Optional<String> archiveUrl, Optional<Path> uplinkKeysFile, ReviewPolicy review,
        Aggregator aggregator, ClusterRule clusters) {

    /** Every default: local archive file, no key file, k = 6 over 50 deltas, FedAvg, a cluster per orbital plane. */
    public static final GroundConfig DEFAULT = new GroundConfig(Optional.empty(), Optional.empty(), ReviewPolicy.DEFAULT,
            Aggregator.fedAvg().withBasis(AggregationBasis.LATEST_MODELS), ClusterRule.ORBITAL_PLANES);

    public GroundConfig {
        java.util.Objects.requireNonNull(clusters, "clusters");
    }
}
