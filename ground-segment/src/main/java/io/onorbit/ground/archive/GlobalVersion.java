package io.onorbit.ground.archive;

import io.onorbit.flight.learning.model.ModelVersion;
import java.time.Instant;
import java.util.List;

/**
 * One global model version and the deltas that made it.
 *
 * @param version       version number (0 for the initial model)
 * @param parentVersion version it was aggregated from (-1 for the initial model)
 * @param rule          aggregation rule that made it ("initial", "fedavg", "median", ...)
 * @param createdAt     when it was made (UTC)
 * @param params        model parameters in layout order
 * @param lineage       deltas merged into it, with their weights
 */
public record GlobalVersion(long version, long parentVersion, String rule, Instant createdAt, float[] params,
        List<LineageEntry> lineage) {

    public GlobalVersion {
        params = params.clone();
        lineage = List.copyOf(lineage);
    }

    /** @return identity (version + SHA-256 of the float32 LE params) */
    public ModelVersion modelVersion() {
        return ModelVersion.of(version, params);
    }

    @Override
    public float[] params() {
        return params.clone();
    }

    /**
     * @param deltaId archived delta id
     * @param weight  its weight in the aggregate (sample count for FedAvg, 1 for robust rules)
     */
    public record LineageEntry(long deltaId, double weight) {
    }
}
