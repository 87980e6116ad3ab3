package io.onorbit.ground.aggregation;

import java.util.Arrays;
import java.util.List;

/**
 * Combines dense weight deltas (same length) into one, coordinate by coordinate, with each delta
 * shrunk by its staleness.
 *
 * <p>Staleness weighting follows FedBuff (Nguyen et al., "Federated Learning with Buffered
 * Asynchronous Aggregation", AISTATS 2022, Algorithm 1 and its polynomial staleness function):
 * a delta computed on a global version {@code tau} versions older than the one it is applied to
 * is multiplied by {@code s(tau) = (1 + tau)^-a}, {@code a = } {@link #stalenessExponent()} (0.5
 * in the paper, i.e. 1/sqrt(1 + tau)), and added to the current global model as it is (the
 * "rebase": the update direction a satellite found is reused on the newer model). The buffer's
 * aggregate is the mean of the shrunk deltas, {@code sum_i s(tau_i) Delta_i / K}; with sample
 * counts {@code n_i} (FedAvg, McMahan et al. 2017) it is {@code sum_i n_i s(tau_i) Delta_i /
 * sum_i n_i}, which is FedBuff for equal counts and plain FedAvg when every delta is fresh. A
 * stale delta is therefore never discarded, only down-weighted.
 *
 * <p>The robust rules take the coordinate-wise median or trimmed mean of the shrunk deltas
 * {@code s(tau_i) Delta_i}: the shrinking happens before the robust statistic, so a poisoned
 * minority stays bounded exactly as without staleness.
 *
 * @param rule              the rule
 * @param trimFraction      for {@link AggregationRule#TRIMMED_MEAN}: fraction of values dropped at
 *                          each end, in [0, 0.5); floor(trimFraction x n) values go from each side.
 *                          Ignored by the other rules.
 * @param stalenessExponent {@code a} in {@code s(tau) = (1 + tau)^-a}, in [0, 4]; 0 ignores
 *                          staleness, 0.5 is FedBuff's default
 * @param basis             what is combined: the buffer's deltas, or every satellite's latest
 *                          model ({@link AggregationRun} applies it)
 */
public record Aggregator(AggregationRule rule, double trimFraction, double stalenessExponent, AggregationBasis basis) {

    /** FedBuff's default staleness exponent: s(tau) = 1 / sqrt(1 + tau). */
    public static final double FEDBUFF_STALENESS_EXPONENT = 0.5;

    public Aggregator {
        if (rule == null) {
            throw new IllegalArgumentException("rule is required");
        }
        if (!(trimFraction >= 0 && trimFraction < 0.5)) {
            throw new IllegalArgumentException("trimFraction " + trimFraction + " must be in [0, 0.5)");
        }
        if (!(stalenessExponent >= 0 && stalenessExponent <= 4)) {
            throw new IllegalArgumentException("stalenessExponent " + stalenessExponent + " must be in [0, 4]");
        }
        if (basis == null) {
            throw new IllegalArgumentException("basis is required");
        }
    }

    /** A rule combining the buffer's deltas ({@link AggregationBasis#DELTAS}). */
    public Aggregator(AggregationRule rule, double trimFraction, double stalenessExponent) {
        this(rule, trimFraction, stalenessExponent, AggregationBasis.DELTAS);
    }

    /** A rule with FedBuff's staleness weighting 1/sqrt(1 + tau). */
    public Aggregator(AggregationRule rule, double trimFraction) {
        this(rule, trimFraction, FEDBUFF_STALENESS_EXPONENT);
    }

    /** @return FedAvg with FedBuff staleness weighting */
    public static Aggregator fedAvg() {
        return new Aggregator(AggregationRule.FEDAVG, 0);
    }

    /** @return coordinate-wise median with FedBuff staleness weighting */
    public static Aggregator median() {
        return new Aggregator(AggregationRule.MEDIAN, 0);
    }

    /** @return coordinate-wise trimmed mean dropping {@code trim} of the values at each end */
    public static Aggregator trimmedMean(double trim) {
        return new Aggregator(AggregationRule.TRIMMED_MEAN, trim);
    }

    /** @return a copy with another trim fraction */
    public Aggregator withTrimFraction(double trim) {
        return new Aggregator(rule, trim, stalenessExponent, basis);
    }

    /** @return a copy with another staleness exponent */
    public Aggregator withStalenessExponent(double a) {
        return new Aggregator(rule, trimFraction, a, basis);
    }

    /** @return a copy with another basis */
    public Aggregator withBasis(AggregationBasis b) {
        return new Aggregator(rule, trimFraction, stalenessExponent, b);
    }

    /**
     * @param staleness global versions between the delta's base and the version it is applied to, &ge; 0
     * @return the factor {@code (1 + staleness)^-a} its values are multiplied by
     */
    public double stalenessScale(long staleness) {
        if (staleness < 0) {
            throw new IllegalArgumentException("staleness " + staleness + " must be >= 0");
        }
        return Math.pow(1.0 + staleness, -stalenessExponent);
    }

    /**
     * Combines fresh deltas (staleness 0 for all).
     *
     * @param deltas  dense deltas, all of one length, at least one
     * @param weights sample counts (&ge; 0, not all zero for FedAvg), one per delta
     * @return the combined delta
     */
    public double[] combine(List<float[]> deltas, long[] weights) {
        return combine(deltas, weights, new long[deltas.size()]);
    }

    /**
     * @param deltas    dense deltas, all of one length, at least one
     * @param weights   sample counts (&ge; 0, not all zero for FedAvg), one per delta
     * @param staleness each delta's staleness in global versions (&ge; 0), one per delta
     * @return the combined delta, to be added to the current global model
     */
    public double[] combine(List<float[]> deltas, long[] weights, long[] staleness) {
        if (deltas.isEmpty()) {
            throw new IllegalArgumentException("no deltas to aggregate");
        }
        if (weights.length != deltas.size() || staleness.length != deltas.size()) {
            throw new IllegalArgumentException("weights (" + weights.length + ") and staleness (" + staleness.length
                    + ") must match deltas (" + deltas.size() + ")");
        }
        int dim = deltas.get(0).length;
        for (float[] d : deltas) {
            if (d.length != dim) {
                throw new IllegalArgumentException("deltas differ in length: " + d.length + " vs " + dim);
            }
        }
        double[] scale = new double[deltas.size()];
        for (int k = 0; k < scale.length; k++) {
            scale[k] = stalenessScale(staleness[k]);
        }
        return switch (rule) {
            case FEDAVG -> weightedMean(deltas, weights, scale, dim);
            case MEDIAN -> coordinateWise(deltas, scale, dim, 0.0, true);
            case TRIMMED_MEAN -> coordinateWise(deltas, scale, dim, trimFraction, false);
        };
    }

    /**
     * @return the weight a delta contributes to the lineage record: sample count x staleness scale
     *         for FedAvg, the staleness scale for the robust rules
     */
    public double lineageWeight(long sampleCount, long staleness) {
        double s = stalenessScale(staleness);
        return rule == AggregationRule.FEDAVG ? sampleCount * s : s;
    }

    private static double[] weightedMean(List<float[]> deltas, long[] weights, double[] scale, int dim) {
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
            // Normalised by the unshrunk total: a stale delta moves the model less, it does not
            // gain weight back from the others (FedBuff divides by K, not by the sum of s(tau)).
            double share = weights[k] * scale[k] / total;
            float[] d = deltas.get(k);
            for (int i = 0; i < dim; i++) {
                out[i] += share * d[i];
            }
        }
        return out;
    }

    private static double[] coordinateWise(List<float[]> deltas, double[] scale, int dim, double trim, boolean median) {
        int n = deltas.size();
        int drop = (int) Math.floor(trim * n);
        double[] column = new double[n];
        double[] out = new double[dim];
        for (int i = 0; i < dim; i++) {
            for (int k = 0; k < n; k++) {
                column[k] = scale[k] * deltas.get(k)[i];
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
