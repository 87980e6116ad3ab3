package io.onorbit.ground.aggregation;

import java.util.Arrays;
import java.util.List;

/**
 * Combines dense weight deltas (same length) into one, coordinate by coordinate.
 *
 * @param rule         the rule
 * @param trimFraction for {@link AggregationRule#TRIMMED_MEAN}: fraction of values dropped at each
 *                     end, in [0, 0.5); floor(trimFraction x n) values go from each side. Ignored
 *                     by the other rules.
 */
public record Aggregator(AggregationRule rule, double trimFraction) {

    public Aggregator {
        if (rule == null) {
            throw new IllegalArgumentException("rule is required");
        }
        if (!(trimFraction >= 0 && trimFraction < 0.5)) {
            throw new IllegalArgumentException("trimFraction " + trimFraction + " must be in [0, 0.5)");
        }
    }

    /** @return FedAvg */
    public static Aggregator fedAvg() {
        return new Aggregator(AggregationRule.FEDAVG, 0);
    }

    /** @return coordinate-wise median */
    public static Aggregator median() {
        return new Aggregator(AggregationRule.MEDIAN, 0);
    }

    /** @return coordinate-wise trimmed mean dropping {@code trim} of the values at each end */
    public static Aggregator trimmedMean(double trim) {
        return new Aggregator(AggregationRule.TRIMMED_MEAN, trim);
    }

    /** @return a copy with another trim fraction */
    public Aggregator withTrimFraction(double trim) {
        return new Aggregator(rule, trim);
    }

    /**
     * @param deltas  dense deltas, all of one length, at least one
     * @param weights sample counts (&ge; 0, not all zero for FedAvg), one per delta
     * @return the combined delta
     */
    public double[] combine(List<float[]> deltas, long[] weights) {
        if (deltas.isEmpty()) {
            throw new IllegalArgumentException("no deltas to aggregate");
        }
        if (weights.length != deltas.size()) {
            throw new IllegalArgumentException("weights (" + weights.length + ") must match deltas (" + deltas.size() + ")");
        }
        int dim = deltas.get(0).length;
        for (float[] d : deltas) {
            if (d.length != dim) {
                throw new IllegalArgumentException("deltas differ in length: " + d.length + " vs " + dim);
            }
        }
        return switch (rule) {
            case FEDAVG -> weightedMean(deltas, weights, dim);
            case MEDIAN -> coordinateWise(deltas, dim, 0.0, true);
            case TRIMMED_MEAN -> coordinateWise(deltas, dim, trimFraction, false);
        };
    }

    /** @return the weight each delta contributes to the lineage record (sample count or 1) */
    public double lineageWeight(long sampleCount) {
        return rule == AggregationRule.FEDAVG ? sampleCount : 1.0;
    }

    private static double[] weightedMean(List<float[]> deltas, long[] weights, int dim) {
        double total = 0;
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("sample count " + w + " must be >= 0");
            }
            total += w;
        }
        if (total == 0) {
            throw new IllegalArgumentException("FedAvg needs at least one delta with samples > 0");
        }
        double[] out = new double[dim];
        for (int k = 0; k < deltas.size(); k++) {
            double share = weights[k] / total;
            float[] d = deltas.get(k);
            for (int i = 0; i < dim; i++) {
                out[i] += share * d[i];
            }
        }
        return out;
    }

    private static double[] coordinateWise(List<float[]> deltas, int dim, double trim, boolean median) {
        int n = deltas.size();
        int drop = (int) Math.floor(trim * n);
        double[] column = new double[n];
        double[] out = new double[dim];
        for (int i = 0; i < dim; i++) {
            for (int k = 0; k < n; k++) {
                column[k] = deltas.get(k)[i];
            }
            Arrays.sort(column);
            if (median) {
                out[i] = n % 2 == 1 ? column[n / 2] : 0.5 * (column[n / 2 - 1] + column[n / 2]);
            } else {
                double s = 0;
                for (int k = drop; k < n - drop; k++) {
                    s += column[k];
                }
                out[i] = s / (n - 2 * drop);
            }
        }
        return out;
    }
}
