package io.onorbit.verification.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Recovery times from per-sample losses, judged on trailing-window means (the rules are in
 * {@link DriftOutcome.Recovery}). Prefix sums make every window mean O(1) and every standard error
 * O(sqrt(window samples)).
 */
final class WindowedRecovery {

    /** The error lost is the drift's mean cost over this span after it (or until the next drift), s. */
    static final double LOSS_SPAN_S = 86400;
    /** Recovered 90 %: within 10 % of the error lost above the pre-drift level. */
    static final double RECOVERY_FRACTION = 0.1;
    /** Tracking the oracle: within 10 % of its window mean. */
    static final double ORACLE_MARGIN = 0.1;
    /** Noise allowance: this many standard errors (one-sided normal quantile, Phi(-2) = 2.3 %). */
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
        private final boolean present;

        Series(double[] loss) {
            this.loss = loss;
            sum = new double[n + 1];
            boolean finite = n > 0;
            for (int i = 0; i < n; i++) {
                finite &= Double.isFinite(loss[i]);
                sum[i + 1] = sum[i] + loss[i];
            }
            present = finite;
        }

        /** @return true if every loss is finite (an oracle that does not exist has NaN losses) */
        boolean present() {
            return present;
        }

        /** @return mean loss over the samples with time in [fromS, toS) (NaN if there is none) */
        double meanBetween(double fromS, double toS) {
            int from = firstAtOrAfter(fromS);
            int to = firstAtOrAfter(toS);
            return to > from ? (sum[to] - sum[from]) / (to - from) : Double.NaN;
        }

        /** @return mean loss over the samples with time in (t[end] - window, t[end]] */
        double mean(int end) {
            int from = firstAfter(t[end] - windowS);
            return (sum[end + 1] - sum[from]) / (end + 1 - from);
        }

        /**
         * Standard error of {@link #mean} by non-overlapping batch means (Law and Kelton; Flegal and
         * Jones 2010): the window's last a x b samples in a batches of b = floor(sqrt(count)), SE =
         * sqrt(sum_k (B_k - mean B)^2 / (a (a - 1))). A learner's losses are correlated in time
         * (its boundary, and a regression task's orbit-driven features, move slowly), which the
         * i.i.d. formula s / sqrt(count) would hide; for independent losses both estimate the same,
         * and with b = 1 (fewer than 4 samples) this is that formula. 0 for one sample.
         */
        double standardError(int end) {
            int from = firstAfter(t[end] - windowS);
            int count = end + 1 - from;
            if (count < 2) {
                return 0;
            }
            int b = (int) Math.sqrt(count);
            int a = count / b;
            int start = end + 1 - a * b;
            double total = (sum[end + 1] - sum[start]) / (a * b);
            double squares = 0;
            for (int k = 0; k < a; k++) {
                double batch = (sum[start + (k + 1) * b] - sum[start + k * b]) / b;
                squares += (batch - total) * (batch - total);
            }
            return Math.sqrt(squares / ((double) a * (a - 1)));
        }
    }

    /** Window statistics of the three learners on one kind of loss. */
    record Learners(Series frozen, Series onboard, Series oracle) {
    }

    /** @return window statistics of the learners' per-sample losses (the oracle's NaN if there is none) */
    Learners learners(double[] frozen, double[] onboard, double[] oracle) {
        return new Learners(new Series(frozen), new Series(onboard), new Series(oracle));
    }

    /**
     * Excess losses over the true concept's, on the same samples.
     *
     * @param driftCost the concept before the latest abrupt drift: what each drift costs a model that
     *                  had learned the old concept exactly (0 before the first drift)
     * @param onboard   the onboard learner's
     * @param oracle    the oracle's
     */
    record Excess(Series driftCost, Series onboard, Series oracle) {
    }

    /**
     * @param concept         per-sample loss of the true current concept's noise-free label against the
     *                        observed label (the label noise itself; NaN where the concept is unknown)
     * @param preDriftConcept per-sample loss of the noise-free label of the concept before the latest
     *                        abrupt drift (NaN where unknown)
     * @return window statistics of each excess loss over the concept's on the same samples
     */
    Excess excessOver(double[] concept, double[] preDriftConcept, double[] onboard, double[] oracle) {
        return new Excess(new Series(minus(preDriftConcept, concept)), new Series(minus(onboard, concept)),
                new Series(minus(oracle, concept)));
    }

    /**
     * Abrupt drift at {@code td}.
     *
     * @param nextS  time of the next abrupt drift (or +infinity): recovery must happen before it
     * @param raw    the learners' losses (for tracking the oracle)
     * @param excess excess losses over the true concept's (for the 90 % rule and the error lost)
     */
    DriftOutcome.Recovery abrupt(double td, double nextS, Learners raw, Excess excess) {
        int pre = lastBefore(td);
        int first = firstAtOrAfter(td + windowS);
        if (pre < 0 || first >= n) {
            return new DriftOutcome.Recovery(DriftOutcome.DriftKind.ABRUPT, td, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        // A fact of the generator, not of any learner: the frozen model's rise (the earlier rule) is
        // no measure of a drift between two concepts it was not trained on (SEA's 9 -> 7 cost it
        // nothing while it moved the boundary furthest).
        double lost = excess.driftCost().present()
                ? excess.driftCost().meanBetween(td, Math.min(td + LOSS_SPAN_S, nextS)) : Double.NaN;
        double r90 = excess.onboard().present() ? backWithin(excess.onboard(), pre, first, nextS, lost, td) : Double.NaN;
        double oracle90 = excess.oracle().present() ? backWithin(excess.oracle(), pre, first, nextS, lost, td) : Double.NaN;
        double vsOracle = raw.oracle().present() ? tracks(raw.onboard(), raw.oracle(), first, nextS, td) : Double.NaN;
        return new DriftOutcome.Recovery(DriftOutcome.DriftKind.ABRUPT, td, lost, r90, oracle90, vsOracle);
    }

    /** Gradual drift from the start of the evaluation (the first sample). */
    DriftOutcome.Recovery gradual(Learners raw) {
        double t0 = t[0];
        int first = firstAtOrAfter(t0 + windowS);
        if (first >= n) {
            return new DriftOutcome.Recovery(DriftOutcome.DriftKind.GRADUAL, t0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double lost = raw.frozen().mean(n - 1) - raw.frozen().mean(first);
        if (!raw.oracle().present()) {
            return new DriftOutcome.Recovery(DriftOutcome.DriftKind.GRADUAL, t0, lost, Double.NaN, Double.NaN, Double.NaN);
        }
        double r = tracks(raw.onboard(), raw.oracle(), first, Double.POSITIVE_INFINITY, t0);
        return new DriftOutcome.Recovery(DriftOutcome.DriftKind.GRADUAL, t0, lost, r, 0.0, r);
    }

    /** All recoveries of a run: one per abrupt drift inside the samples, then gradual if asked. */
    List<DriftOutcome.Recovery> all(double[] abruptS, boolean gradual, Learners raw, Excess excess) {
        List<DriftOutcome.Recovery> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        for (int k = 0; k < abruptS.length; k++) {
            double td = abruptS[k];
            if (td > t[0] && td <= t[n - 1]) {
                double next = k + 1 < abruptS.length ? abruptS[k + 1] : Double.POSITIVE_INFINITY;
                out.add(abrupt(td, next, raw, excess));
            }
        }
        if (gradual) {
            out.add(gradual(raw));
        }
        return out;
    }

    /**
     * Recovered 90 % from the first window j entirely after the drift where the one-sided Welch
     * test (Welch 1947; normal approximation) finds no excess above the 90 % level: mean_j - mean_pre
     * &le; 10 % of the error lost + 2 sqrt(SE_j^2 + SE_pre^2), the two windows being disjoint.
     * A learner exactly at the 90 % level is then missed at one look with probability Phi(-2) = 2.3 %.
     */
    private double backWithin(Series s, int pre, int first, double nextS, double lost, double td) {
        double before = s.mean(pre);
        double sePre = s.standardError(pre);
        double allowance = RECOVERY_FRACTION * Math.max(lost, 0);
        return firstHolding(first, nextS, td,
                j -> s.mean(j) - before <= allowance + STANDARD_ERRORS * Math.hypot(sePre, s.standardError(j)));
    }

    private double[] minus(double[] a, double[] b) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
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
