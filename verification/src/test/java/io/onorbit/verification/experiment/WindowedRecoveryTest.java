package io.onorbit.verification.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * The recovery rules: on loss sequences whose window means are counted by hand (1 s samples, a
 * 10 s window, a 5 s hold), and on synthetic streams with a known change and known noise, where the
 * 90 % rule's rates of missed and false recovery must be those of the normal approximation. In
 * the abrupt cases the frozen model's loss also stands for the pre-drift concept's (a model that
 * knew the old concept exactly and did not learn), so it is the drift's cost as well.
 */
class WindowedRecoveryTest {

    private static double[] times(int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
        }
        return t;
    }

    /** 1 on [from, to), 0 elsewhere. */
    private static double[] step(int n, int from, int to) {
        double[] v = new double[n];
        for (int i = from; i < to; i++) {
            v[i] = 1;
        }
        return v;
    }

    /** Standard normal distribution function. */
    private static double phi(double z) {
        return 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
    }

    @Test
    void abruptDriftRecoveryIsCountedOnWindowMeansForUsAndTheOracle() {
        int n = 200;
        WindowedRecovery w = new WindowedRecovery(times(n), n, 10, 5);
        double[] noNoise = new double[n];
        double[] frozen = step(n, 100, n);
        double[] onboard = step(n, 100, 130);
        double[] oracle = step(n, 100, 105);
        DriftOutcome.Recovery r = w.abrupt(100, Double.POSITIVE_INFINITY, w.learners(frozen, onboard, oracle),
                w.excessOver(noNoise, frozen, onboard, oracle));
        // Frozen (= the pre-drift concept): 0 before, 1 after the drift: error lost 1; pre-drift windows all 0 (SE 0).
        assertThat(r.errorLost()).isCloseTo(1.0, offset(1e-12));
        // Onboard: the window (t-10, t] holds the ones of 100..129 still inside it; the batch-means SE uses
        // the last 9 samples in 3 batches of 3. t = 131: 8 ones (mean 0.8), batches 1, 1, 1/3: SE = 2/9,
        // threshold 0.1 + 2 x 2/9 = 0.544 < 0.8. t = 132: 7 ones, batches 1, 1, 0: SE = 1/3, threshold
        // 0.767 >= 0.7; t = 133..137 hold likewise (6..2 ones against 0.688, 0.688, 0.767, 0.544, 0.322),
        // t = 138 has one (0.1 <= 0.1): recovered 32 s after the drift.
        assertThat(r.recovery90TimeS()).isCloseTo(32.0, offset(1e-12));
        // Oracle: t = 110 (samples 101..110, four ones: 0.4; batches 1, 0, 0: SE 1/3, threshold 0.767) is the
        // first window entirely after the drift, and t = 111..115 hold (0.3 <= 0.544, 0.2 <= 0.322, then 0.1, 0, 0).
        assertThat(r.oracleRecovery90TimeS()).isCloseTo(10.0, offset(1e-12));
        assertThat(r.kind()).isEqualTo(DriftOutcome.DriftKind.ABRUPT);
    }

    @Test
    void aHardStretchThatHitsEveryLearnerAlikeDoesNotMoveTheRecovery() {
        // Each learner's own loss (Bernoulli disagreement with the concept) plus a loss every learner and
        // the concept itself meet on the same sample; in a stretch after the drift that common loss
        // triples. Multiples of 1/8 keep the sums exact, so the paired excess is the same sample by sample.
        int n = 6000;
        double[] t = times(n);
        SplittableRandom random = new SplittableRandom(5);
        double[] calm = new double[n];
        double[] hard = new double[n];
        double[][] own = new double[3][n];
        double[] decayS = {0, 200, 20}; // frozen never recovers, onboard in ~200 s, oracle in ~20 s
        for (int i = 0; i < n; i++) {
            calm[i] = random.nextInt(2) / 8.0;
            hard[i] = i >= 2500 && i < 3500 ? 3 * calm[i] : calm[i];
            for (int k = 0; k < 3; k++) {
                double p = i < 2000 ? 0.01 : decayS[k] == 0 ? 0.08 : 0.01 + 0.07 * Math.exp(-(i - 2000) / decayS[k]);
                own[k][i] = random.nextDouble() < p ? 1 : 0;
            }
        }
        WindowedRecovery w = new WindowedRecovery(t, n, 360, 360);
        DriftOutcome.Recovery onCalm = abruptOn(w, calm, own);
        DriftOutcome.Recovery onHard = abruptOn(w, hard, own);
        assertThat(onCalm.recovery90TimeS()).isFinite();
        assertThat(onHard.recovery90TimeS()).isEqualTo(onCalm.recovery90TimeS());
        assertThat(onHard.oracleRecovery90TimeS()).isEqualTo(onCalm.oracleRecovery90TimeS());
        assertThat(onHard.errorLost()).isEqualTo(onCalm.errorLost());
    }

    /** Losses = own + common; the concept's loss = common; drift at 2000 s. */
    private static DriftOutcome.Recovery abruptOn(WindowedRecovery w, double[] common, double[][] own) {
        double[][] loss = new double[3][common.length];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < common.length; i++) {
                loss[k][i] = own[k][i] + common[i];
            }
        }
        return w.abrupt(2000, Double.POSITIVE_INFINITY, w.learners(loss[0], loss[1], loss[2]),
                w.excessOver(common, loss[0], loss[1], loss[2]));
    }

    /**
     * One look at the first window after the drift, on i.i.d. normal losses (sd 1, 400 samples per
     * window, so the difference of the two window means has SE sqrt(2 / 400)) against a frozen model
     * that loses exactly 1: declared recovered with probability Phi(2 - (delta - 0.1) / SE), delta the
     * learner's true rise. Missed recovery at the 90 % level itself 2.3 %, a coin toss 2 SE above it,
     * false recovery 4 SE above it 2.3 %, and a learner that is back where it was is missed 0.13 %.
     */
    @Test
    void missedAndFalseRecoveryRatesAreThoseOfTheNormalApproximation() {
        double se = Math.sqrt(2.0 / 400);
        for (double sesAbove : new double[] {-1, 0, 2, 4}) {
            double delta = 0.1 + sesAbove * se;
            double expected = phi(2 - sesAbove);
            double rate = recoveredAtFirstLook(delta, 0, 2000, 11);
            // 4 binomial sd of 2,000 replicates, plus 0.01: the batch-means SE has 19 degrees of freedom
            // per window, a t tail slightly heavier than the normal's (about 0.026 against 0.023 at 2 SE).
            double tolerance = 0.01 + 4 * Math.sqrt(expected * (1 - expected) / 2000);
            assertThat(rate).as("rise %.3f = 0.1 + %.0f SE", delta, sesAbove).isCloseTo(expected, offset(tolerance));
        }
    }

    /**
     * The same on AR(1) losses (rho 0.5: the variance of a window mean is (1 + rho) / (1 - rho) = 3
     * times the i.i.d. formula's). Batch means of 20 samples see the correlation (their variance is
     * 2.8 / 3 of the truth: Law and Kelton's batch-means bias), so the rate at the 90 % level stays
     * near Phi(-2) = 2.3 %, where the i.i.d. standard error would give Phi(-2 / sqrt 3) = 12 %.
     */
    @Test
    void correlatedLossesKeepTheRateThroughBatchMeans() {
        double se = Math.sqrt(2.0 / 400 * 3);
        double missed = 1 - recoveredAtFirstLook(0.1, 0.5, 2000, 12);
        // tolerances as above (4 binomial sd of 2,000 replicates + 0.01)
        assertThat(missed).isCloseTo(1 - phi(2), offset(0.023));
        double coinToss = recoveredAtFirstLook(0.1 + 2 * se, 0.5, 2000, 13);
        assertThat(coinToss).isCloseTo(0.5, offset(0.055));
    }

    /** @return the share of replicates declared recovered 90 % at the first window after the drift */
    private static double recoveredAtFirstLook(double delta, double rho, int replicates, long seed) {
        int n = 801; // 0..399 the pre-drift window, drift at 400, 401..800 the first window after it
        double[] t = times(n);
        double[] frozen = new double[n];
        for (int i = 400; i < n; i++) {
            frozen[i] = 1;
        }
        double[] noNoise = new double[n];
        SplittableRandom random = new SplittableRandom(seed);
        int recovered = 0;
        for (int r = 0; r < replicates; r++) {
            double[] loss = new double[n];
            double e = gaussian(random);
            for (int i = 0; i < n; i++) {
                e = rho * e + Math.sqrt(1 - rho * rho) * gaussian(random);
                loss[i] = e + (i >= 400 ? delta : 0);
            }
            WindowedRecovery w = new WindowedRecovery(t, n, 400, 0);
            DriftOutcome.Recovery rec = w.abrupt(400, Double.POSITIVE_INFINITY, w.learners(frozen, loss, loss),
                    w.excessOver(noNoise, frozen, loss, loss));
            assertThat(rec.errorLost()).isEqualTo(1.0);
            if (rec.recovery90TimeS() == 400) {
                recovered++;
            }
        }
        return recovered / (double) replicates;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: exact normal draws from two uniforms
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * SEA-like streams at one sample a minute (6-h windows held 6 h, drift 2 days in, a day and a
     * window after it): the label noise is 10 %, the frozen model disagrees with the new concept on
     * 7.5 % of the samples (0.5 % before). A learner that never recovers (it stays at the frozen
     * model's level) is not declared recovered; one that stays there 1.5 days and then comes within
     * 10 % of the error lost 2 days after the drift is not declared recovered within the day; one
     * back at its old level at once is declared at the first window. Ten streams each: the rule's
     * resolution at these windows is a few standard errors (BENCHMARKS.md, session 8), so one stream
     * could be chance; 400 synthetic streams gave 2 % false recovery within the day (BENCHMARKS.md).
     */
    @Test
    void theRuleStillFailsALearnerThatNeverOrSlowlyRecovers() {
        int n = (int) (3.25 * 1440);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 60.0 * i;
        }
        double td = 2 * 86400;
        WindowedRecovery w = new WindowedRecovery(t, n, 6 * 3600, 6 * 3600);
        int neverRecovered = 0;
        int slowAfterADay = 0;
        int backAtOnce = 0;
        for (long seed = 0; seed < 10; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] noise = new double[n];
            double[] frozen = new double[n];
            double[] never = new double[n];
            double[] slow = new double[n];
            double[] back = new double[n];
            for (int i = 0; i < n; i++) {
                noise[i] = random.nextDouble() < 0.1 ? 1 : 0;
                double days = (t[i] - td) / 86400;
                double after = days >= 0 ? 0.075 : 0.005;
                // 0.075 until 1.5 days, then linearly to 0.012 (within 10 % of the 0.07 lost) at 2 days
                double slowP = days < 1.5 ? after : Math.max(0.012, 0.075 - 0.063 * (days - 1.5) / 0.5);
                frozen[i] = xor(noise[i], random.nextDouble() < after);
                never[i] = xor(noise[i], random.nextDouble() < after);
                slow[i] = xor(noise[i], random.nextDouble() < slowP);
                back[i] = xor(noise[i], random.nextDouble() < 0.005);
            }
            if (Double.isNaN(recovery(w, td, noise, frozen, never))) {
                neverRecovered++;
            }
            if (!(recovery(w, td, noise, frozen, slow) <= 86400)) {
                slowAfterADay++;
            }
            if (recovery(w, td, noise, frozen, back) == 6 * 3600) {
                backAtOnce++;
            }
        }
        assertThat(neverRecovered).isGreaterThanOrEqualTo(9);
        assertThat(slowAfterADay).isGreaterThanOrEqualTo(9);
        assertThat(backAtOnce).isEqualTo(10);
    }

    private static double recovery(WindowedRecovery w, double td, double[] noise, double[] frozen, double[] learner) {
        return w.abrupt(td, Double.POSITIVE_INFINITY, w.learners(frozen, learner, learner),
                w.excessOver(noise, frozen, learner, learner)).recovery90TimeS();
    }

    private static double xor(double noise, boolean disagrees) {
        return disagrees ? 1 - noise : noise;
    }

    @Test
    void aLearnerThatGotWorseDoesNotRecoverAndANextDriftEndsTheSearch() {
        int n = 200;
        WindowedRecovery w = new WindowedRecovery(times(n), n, 10, 5);
        double[] noNoise = new double[n];
        double[] frozen = step(n, 100, n);
        double[] worse = step(n, 100, n);
        double[] oracle = step(n, 100, 105);
        assertThat(w.abrupt(100, Double.POSITIVE_INFINITY, w.learners(frozen, worse, oracle),
                w.excessOver(noNoise, frozen, worse, oracle)).recovery90TimeS()).isNaN();
        // The same learner as above (back at 132 s) with another drift at 130 s: not recovered before it.
        double[] onboard = step(n, 100, 130);
        assertThat(w.abrupt(100, 130, w.learners(frozen, onboard, oracle),
                w.excessOver(noNoise, frozen, onboard, oracle)).recovery90TimeS()).isNaN();
    }

    @Test
    void gradualDriftIsTrackingTheOracleWithinTenPercentAndCanFail() {
        int n = 100;
        double[] t = times(n);
        double[] rising = new double[n];
        double[] oracle = new double[n];
        double[] close = new double[n];
        double[] far = new double[n];
        for (int i = 0; i < n; i++) {
            rising[i] = 0.1 + 0.01 * i;
            oracle[i] = 0.2;
            close[i] = 0.21; // 5 % above the oracle
            far[i] = 0.3;    // 50 % above
        }
        WindowedRecovery w = new WindowedRecovery(t, n, 10, 5);
        DriftOutcome.Recovery ok = w.gradual(w.learners(rising, close, oracle));
        // First full window ends at t = 10; the frozen model's window mean rose from 0.155 (samples
        // 1..10) to 1.045 (samples 90..99).
        assertThat(ok.kind()).isEqualTo(DriftOutcome.DriftKind.GRADUAL);
        assertThat(ok.recovery90TimeS()).isCloseTo(10.0, offset(1e-12));
        assertThat(ok.oracleRecovery90TimeS()).isZero();
        assertThat(ok.errorLost()).isCloseTo(0.89, offset(1e-9));
        assertThat(w.gradual(w.learners(rising, far, oracle)).recovery90TimeS()).isNaN();
        List<DriftOutcome.Recovery> all = w.all(new double[0], true, w.learners(rising, close, oracle),
                w.excessOver(new double[n], rising, close, oracle));
        assertThat(all).singleElement().extracting(DriftOutcome.Recovery::kind).isEqualTo(DriftOutcome.DriftKind.GRADUAL);
    }
}
