package io.onorbit.ground.aggregation;

import io.onorbit.flight.labels.FileLabels;

/** What the ground combines into the next global model. */
public enum AggregationBasis {
    /**
     * The approved deltas of the buffer, each added to the current global model as it is, shrunk by
     * its staleness (FedBuff, Nguyen et al. 2022): the aggregate of the few satellites heard since
     * the last version.
     */
    DELTAS,
    /**
     * Every satellite's latest model, rebuilt from its deltas ({@link LatestModels}), averaged by the
     * rule, each pulled towards with its staleness weight: the constellation's model (FedAvg's
     * model average, McMahan et al. 2017) also when the satellites' deltas are on different bases.
     */
    LATEST_MODELS;

    /** @return the name used in files (deltas, latest-models) */
    public String label() {
        return FileLabels.of(this);
    }

    /** @return the basis named by {@link #label()} (case-insensitive; '_' accepted for '-') */
    public static AggregationBasis parse(String label) {
        return FileLabels.parse(AggregationBasis.class, label);
    }
}
