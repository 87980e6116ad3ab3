package io.onorbit.verification.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Recovery times from per-sample losses, judged on trailing-window means (the rules are in
 * {@link DriftOutcome.Recovery}). Prefix sums make every window mean O(1).
 */
final class WindowedRecovery {

    /** The frozen model's error lost is its peak window mean within this span after a drift, s. */
    static final double LOSS_SPAN_S = 86400;
    /** Recovered 90 %: within 10 % of the error lost above the pre-drift level. */
    static final double RECOVERY_FRACTION = 0.1;
    /** Tracking the oracle: within 10 % of its window mean. */
    static final double ORACLE_MARGIN = 0.1;
    /** Noise allowance: this many standard errors of a window mean. */
    static final double STANDARD_ERRORS = 2;

    private final double[] t;
    private final int n;
    private final double windowS;
    private final double holdS;

    /**
     * @param t       sample times, s, non-decreasing
     * @param n       samples used (t may be longer)
     * @param windowS trailing window, s (&gt; 0)
     * @param holdS   how long a criterion must hold, s (&ge; 0)
     */
    WindowedRecovery(double[] t, int n, double windowS, double holdS) {
        this.t = t;
        this.n = n;
        this.windowS = windowS;
        this.holdS = holdS;
    }

    /** Window means and standard errors of one learner's losses. */
    final class Series {
        private final double[] loss;
        private final double[] sum;
        private final double[] sumSq;
        private final boolean present;

        Series(double[] loss) {
            this.loss = loss;
            sum = new double[n + 1];
            sumSq = new double[n + 1];
            boolean finite = n > 0;
            for (int i = 0; i < n; i++) {
                finite &= Double.isFinite(loss[i]);
                sum[i + 1] = sum[i] + loss[i];
                sumSq[i + 1] = sumSq[i] + loss[i] * loss[i];
            }
            present = finite;
        }

        /** @return true if every loss is finite (an oracle that does not exist has NaN losses) */
        boolean present() {
            return present;
        }

        /** @return mean loss over the samples with time in (t[end] - window, t[end]] */
        double mean(int end) {
            int from = firstAfter(t[end] - windowS);
            return (sum[end + 1] - sum[from]) / (end + 1 - from);
        }

        /** @return standard error of {@link #mean} (sample standard deviation / sqrt(count); 0 for one sample) */
        double standardError(int end) {
            int from = firstAfter(t[end] - windowS);
            int count = end + 1 - from;
            if (count < 2) {
                return 0;
            }
            double m = (sum[end + 1] - sum[from]) / count;
            double var = Math.max(0, (sumSq[end + 1] - sumSq[from] - count * m * m) / (count - 1));
            return Math.sqrt(var / count);
        }
    }

    /**
     * Abrupt drift at {@code td}.
     *
     * @param nextS time of the next abrupt drift (or +infinity): recovery must happen before it
     */
    DriftOutcome.Recovery abrupt(double td, double nextS, Series frozen, Series onboard, Series oracle) {
        int pre = lastBefore(td);
        int first = firstAtOrAfter(td + windowS);
        if (pre < 0 || first >= n) {
            return new DriftOutcome.Recovery(DriftOutcome.DriftKind.ABRUPT, td, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = first; i < n && t[i] <= td + windowS + LOSS_SPAN_S && t[i] < nextS; i++) {
            peak = Math.max(peak, frozen.mean(i));
        }
        double lost = peak - frozen.mean(pre);
        double r90 = backWithin(onboard, pre, first, nextS, lost, td);
        double oracle90 = oracle.present() ? backWithin(oracle, pre, first, nextS, lost, td) : Double.NaN;
        double vsOracle = oracle.present() ? tracks(onboard, oracle, first, nextS, td) : Double.NaN;
        return new DriftOutcome.Recovery(DriftOutcome.DriftKind.ABRUPT, td, lost, r90, oracle90, vsOracle);
    }

    /** Gradual drift from the start of the evaluation (the first sample). */
    DriftOutcome.Recovery gradual(Series frozen, Series onboard, Series oracle) {
        double t0 = t[0];
        int first = firstAtOrAfter(t0 + windowS);
        if (first >= n) {
            return new DriftOutcome.Recovery(DriftOutcome.DriftKind.GRADUAL, t0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double lost = frozen.mean(n - 1) - frozen.mean(first);
        if (!oracle.present()) {
            return new DriftOutcome.Recovery(DriftOutcome.DriftKind.GRADUAL, t0, lost, Double.NaN, Double.NaN, Double.NaN);
        }
        double r = tracks(onboard, oracle, first, Double.POSITIVE_INFINITY, t0);
        return new DriftOutcome.Recovery(DriftOutcome.DriftKind.GRADUAL, t0, lost, r, 0.0, r);
    }

    /** All recoveries of a run: one per abrupt drift inside the samples, then gradual if asked. */
    List<DriftOutcome.Recovery> all(double[] abruptS, boolean gradual, Series frozen, Series onboard, Series oracle) {
        List<DriftOutcome.Recovery> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        for (int k = 0; k < abruptS.length; k++) {
            double td = abruptS[k];
            if (td > t[0] && td <= t[n - 1]) {
                double next = k + 1 < abruptS.length ? abruptS[k + 1] : Double.POSITIVE_INFINITY;
                out.add(abrupt(td, next, frozen, onboard, oracle));
            }
        }
        if (gradual) {
            out.add(gradual(frozen, onboard, oracle));
        }
        return out;
    }

    private double backWithin(Series s, int pre, int first, double nextS, double lost, double td) {
        double threshold = s.mean(pre) + Math.max(RECOVERY_FRACTION * Math.max(lost, 0), STANDARD_ERRORS * s.standardError(pre));
        return firstHolding(first, nextS, td, j -> s.mean(j) <= threshold);
    }

    /**
     * Paired on the same samples: e_i = loss_i - 1.1 x oracle_i; tracking while the window mean of e
     * is at most 2 standard errors of that mean (the learners' noise largely cancels in e).
     */
    private double tracks(Series s, Series oracle, int first, double nextS, double from) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = s.loss[i] - (1 + ORACLE_MARGIN) * oracle.loss[i];
        }
        Series excess = new Series(e);
        return firstHolding(first, nextS, from, j -> excess.mean(j) <= STANDARD_ERRORS * excess.standardError(j));
    }

    /** @return t[i] - from for the first i &ge; first (before nextS) from which ok holds for the hold span; NaN if none */
    private double firstHolding(int first, double nextS, double from, IntPredicate ok) {
        for (int i = first; i < n && t[i] < nextS; i++) {
            if (t[n - 1] < t[i] + holdS) {
                return Double.NaN; // not enough stream left to see it hold
            }
            boolean holds = true;
            for (int j = i; j < n && t[j] <= t[i] + holdS; j++) {
                if (!ok.test(j)) {
                    holds = false;
                    break;
                }
            }
            if (holds) {
                return t[i] - from;
            }
        }
        return Double.NaN;
    }

    private int firstAfter(double time) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] <= time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int firstAtOrAfter(double time) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int lastBefore(double time) {
        return firstAtOrAfter(time) - 1;
    }
}
