package io.onorbit.ground.aggregation;

import io.onorbit.flight.labels.FileLabels;

/** How deltas are combined into one global update. */
public enum AggregationRule {
    /** Mean weighted by each delta's sample count (McMahan et al. 2017). */
    FEDAVG,
    /** Coordinate-wise median: any fewer than half the deltas cannot move it outside the others' range. */
    MEDIAN,
    /** Coordinate-wise mean after dropping the trim fraction of lowest and highest values. */
    TRIMMED_MEAN;

    /** @return the name used in files and on the command line (fedavg, median, trimmed-mean) */
    public String label() {
        return FileLabels.of(this);
    }

    /** @return the rule named by {@link #label()} (case-insensitive; '_' accepted for '-') */
    public static AggregationRule parse(String label) {
        return FileLabels.parse(AggregationRule.class, label);
    }
}
