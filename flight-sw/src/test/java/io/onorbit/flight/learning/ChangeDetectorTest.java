package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CUSUM against what the theory of sums of independent increments says, on streams whose
 * distribution is known: squared Gaussian errors (chi-square with one degree of freedom, scaled by
 * the variance) and a classifier's 0/1 errors, before and after a known rise of the mean.
 */
class ChangeDetectorTest {

    private static final ChangeDetectorSettings SETTINGS = new ChangeDetectorSettings(0.5, 50, 1440, 30, 0, 0);

    /** P(X &le; u) for X chi-square with one degree of freedom. */
    private static double chiSquare1Cdf(double u) {
        return Erf.erf(Math.sqrt(u / 2));
    }

    /** E[X; X &le; u] for X chi-square(1): x f_1(x) = f_3(x), so it is the chi-square(3) cdf at u. */
    private static double chiSquare1PartialMean(double u) {
        return Erf.erf(Math.sqrt(u / 2)) - Math.sqrt(2 * u / Math.PI) * Math.exp(-u / 2);
    }

    /**
     * Mean CUSUM increment after the variance of Gaussian errors rises by the factor a (the
     * reference level being the old variance): E[min(a X, CLIP)] - (1 + k), X chi-square(1).
     */
    private static double meanIncrement(double a, double k) {
        double u = ChangeDetector.CLIP / a;
        return a * chiSquare1PartialMean(u) + ChangeDetector.CLIP * (1 - chiSquare1Cdf(u)) - (1 + k);
    }

    /**
     * Detection delay after the mean squared error triples (Gaussian errors, variance 1 -> 3): Wald's
     * identity for a sum of independent increments with mean mu1 crossing h gives a delay between
     * h / mu1 and (h + CLIP) / mu1 (the overshoot is at most one capped increment), plus what the
     * statistic already held at the change (it starts near 0). Thirty-two seeds; each seed's delay is
     * within a loose band and their mean within the Wald bounds (10 % slack for the reference's
     * estimation error and the excursion under way at the change).
     */
    @Test
    void detectsATriplingOfTheMeanSquaredErrorAfterTheWaldDelay() {
        double mu1 = meanIncrement(3, SETTINGS.allowance());
        double low = SETTINGS.threshold() / mu1;
        double high = (SETTINGS.threshold() + ChangeDetector.CLIP) / mu1;
        assertThat(mu1).as("closed-form mean increment").isBetween(1.1, 1.2);
        double sum = 0;
        int seeds = 32;
        for (int seed = 1; seed <= seeds; seed++) {
            ChangeDetector d = new ChangeDetector(SETTINGS);
            int change = 3_000;
            int detectedAt = firstGaussianDetection(d, seed, change, 3, 2_000);
            assertThat(detectedAt).as("seed %d: no alarm before the change", seed).isGreaterThanOrEqualTo(change);
            int delay = detectedAt - change + 1;
            assertThat((double) delay).as("seed %d delay", seed).isBetween(0.4 * low, 2.0 * high);
            assertThat(d.detections()).isEqualTo(1);
            // The change-point estimate (samples since the statistic last left 0) is about the delay.
            assertThat((double) d.lastChangeAgeSamples().orElseThrow()).isBetween(0.5 * delay, delay + 60.0);
            sum += delay;
        }
        assertThat(sum / seeds).as("mean delay, Wald bounds [%.1f, %.1f]", low, high).isBetween(0.9 * low, 1.1 * high);
    }

    /**
     * Feeds squared Gaussian errors of variance 1 before sample {@code change} and {@code varianceAfter}
     * from it on, for at most {@code after} samples past the change.
     *
     * @return the sample index of the first detection, -1 if none
     */
    private static int firstGaussianDetection(ChangeDetector d, long seed, int change, double varianceAfter, int after) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int t = 0; t < change + after; t++) {
            double e = (t < change ? 1.0 : Math.sqrt(varianceAfter)) * rng.nextGaussian();
            if (d.observe(e * e)) {
                return t;
            }
        }
        return -1;
    }

    /**
     * A classifier's squared errors are 0 or 1: at a 10 % error rate the reference is 0.1 and each
     * mistake adds CLIP - 1.5 = 8.5, each hit -1.5. These increments are wilder than the Gaussian
     * ones: Lundberg's theta solves 0.1 exp(8.5 theta) + 0.9 exp(-1.5 theta) = 1 (about 0.088), so
     * with one excursion starting at each mistake, h = 100 keeps the expected false alarms in 5,000
     * samples below 500 exp(-100 theta) = 0.08 (h = 50 would allow 6). A rise to 26 % (SEA's
     * threshold 9 -> 7 relabels 16 % of the unit square) gives increments of mean
     * 10 x 0.26 - 1.5 = 1.1, so the Wald delay is 100 / 1.1 = 91 samples.
     */
    @Test
    void detectsARiseOfAClassifiersErrorRateAfterTheWaldDelay() {
        ChangeDetectorSettings s = SETTINGS.withThreshold(100);
        double theta = lundbergRoot(z -> 0.1 * Math.exp(z * (ChangeDetector.CLIP - 1.5)) + 0.9 * Math.exp(-1.5 * z), 1.0);
        int change = 5_000;
        assertThat(change * 0.1 * Math.exp(-theta * s.threshold())).as("false-alarm bound before the change").isLessThan(0.1);
        double mu1 = ChangeDetector.CLIP * 0.26 - (1 + s.allowance());
        double low = s.threshold() / mu1;
        double high = (s.threshold() + ChangeDetector.CLIP) / mu1;
        double sum = 0;
        int seeds = 8;
        for (long seed = 1; seed <= seeds; seed++) {
            int detectedAt = firstClassifierDetection(new ChangeDetector(s), seed, change, 0.10, 0.26, 2_000, 0);
            assertThat(detectedAt).as("seed %d: no alarm before the change", seed).isGreaterThanOrEqualTo(change);
            int delay = detectedAt - change + 1;
            assertThat((double) delay).as("seed %d delay", seed).isLessThan(2.5 * high);
            sum += delay;
        }
        assertThat(sum / seeds).as("mean delay, Wald bounds [%.1f, %.1f]", low, high).isBetween(0.8 * low, 1.1 * high);
    }

    /**
     * Feeds a classifier's 0/1 squared errors at rate {@code before} until sample {@code change} and
     * {@code after} from it on, for at most {@code horizon} samples past the change.
     *
     * @return the sample index of the first detection at or after {@code countFrom}, -1 if none
     */
    static int firstClassifierDetection(ChangeDetector d, long seed, int change, double before, double after,
                                        int horizon, int countFrom) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int t = 0; t < change + horizon; t++) {
            if (d.observe(rng.nextDouble() < (t < change ? before : after) ? 1.0 : 0.0) && t >= countFrom) {
                return t;
            }
        }
        return -1;
    }

    /**
     * The positive root theta of m(theta) = 1 for the moment generating function m of an increment
     * with negative mean (m is convex, m(0) = 1, m'(0) &lt; 0), by bisection on (0, upper).
     */
    private static double lundbergRoot(java.util.function.DoubleUnaryOperator mgf, double upper) {
        double lo = 1e-9;
        double hi = upper;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (mgf.applyAsDouble(mid) < 1) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * False alarms on a stationary stream: the uncapped increments X - (1 + k) (X chi-square(1))
     * bound the capped ones from above, and for a random walk with negative drift the chance that one
     * excursion reaches h is at most exp(-theta h), theta &gt; 0 the root of E[exp(theta (X - 1 - k))]
     * = (1 - 2 theta)^(-1/2) exp(-theta (1 + k)) = 1 (Lundberg's inequality). At most one excursion
     * starts per sample, so N samples see at most N exp(-theta h) alarms in expectation: 0.1 in
     * 200,000 samples at k = 0.5, h = 50. Five seeds of 200,000 samples: at most 2 alarms in all.
     */
    @Test
    void falseAlarmsOnAStationaryStreamStayBelowTheLundbergBound() {
        double k = SETTINGS.allowance();
        double theta = lundbergRoot(z -> Math.exp(-z * (1 + k)) / Math.sqrt(1 - 2 * z), 0.5 - 1e-12);
        int n = 200_000;
        double expectedBound = n * Math.exp(-theta * SETTINGS.threshold());
        assertThat(expectedBound).as("Lundberg bound per stream").isLessThan(0.2);
        long alarms = 0;
        for (long seed = 1; seed <= 5; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            ChangeDetector d = new ChangeDetector(SETTINGS);
            for (int t = 0; t < n; t++) {
                double e = 0.3 * rng.nextGaussian(); // the level does not matter: the statistic is relative
                d.observe(e * e);
            }
            alarms += d.detections();
        }
        assertThat(alarms).as("alarms in 5 x %d stationary samples (bound %.2f each)", n, expectedBound)
                .isLessThanOrEqualTo(2);
    }

    /** The same stream at any scale gives the same decisions (the statistic is relative to the reference). */
    @Test
    void decisionsDoNotDependOnTheErrorsUnit() {
        ChangeDetector a = new ChangeDetector(SETTINGS);
        ChangeDetector b = new ChangeDetector(SETTINGS);
        SplittableRandom rng = new SplittableRandom(4);
        for (int t = 0; t < 20_000; t++) {
            double e = (t < 10_000 ? 1 : 2) * rng.nextGaussian();
            assertThat(b.observe(1e-6 * e * e)).isEqualTo(a.observe(e * e));
        }
        assertThat(a.detections()).isPositive();
    }

    @Test
    void noDecisionBeforeTheReferenceHasItsMinimumSamples() {
        ChangeDetector d = new ChangeDetector(SETTINGS.withThreshold(1e-3));
        for (int t = 0; t < ChangeDetector.MIN_REFERENCE_SAMPLES; t++) {
            assertThat(d.observe(t == 0 ? 1 : 1e6)).isFalse();
        }
        assertThat(d.lastChangeAgeSamples()).isEmpty();
    }

    /**
     * The reference learns only from samples judged in control, so a short reference memory does
     * not absorb a sustained rise before the CUSUM decides: with a memory of 50 samples (shorter
     * than the Wald delay) a doubling of a Gaussian error's variance (k = 0.5) is still found after
     * about h / mu1 samples, mu1 = E[min(2 X, CLIP)] - 1.5 from the chi-square(1) partial mean,
     * and on every seed, with no alarm in the 3,000 stationary samples before it. (A reference that
     * kept adapting with so short a memory alarmed before the change on these seeds, and would
     * settle at the new level within a few memories, leaving the increments' mean at -k.)
     */
    @ParameterizedTest
    @ValueSource(longs = {3, 13, 17, 29})
    void aShortReferenceMemoryDoesNotAbsorbASustainedRise(long seed) {
        ChangeDetectorSettings s = new ChangeDetectorSettings(0.5, 50, 50, 30, 0, 0);
        double mu1 = meanIncrement(2, s.allowance());
        double low = s.threshold() / mu1;
        double high = (s.threshold() + ChangeDetector.CLIP) / mu1;
        assertThat(mu1).as("closed-form mean increment").isBetween(0.3, 0.6);
        int change = 3_000;
        int detectedAt = firstGaussianDetection(new ChangeDetector(s), seed, change, 2, 5_000);
        assertThat(detectedAt).as("no alarm before the change").isGreaterThanOrEqualTo(change);
        assertThat((double) detectedAt - change + 1).as("delay, Wald bounds [%.0f, %.0f]", low, high)
                .isBetween(0.3 * low, 3.0 * high);
    }

    /**
     * After a start or a detection the CUSUM waits until its reference's relative standard error
     * is at most half the allowance: for a classifier's 0/1 errors at rate p the mean of n samples
     * has a relative standard error of sqrt((1 - p) / (p (n - 1))) (with the sample variance), so at
     * p = 0.1 and k = 0.25 it arms after n - 1 = 0.9 / (0.1 x 0.125^2) = 576 samples, not 64.
     * With a threshold of 0.001 the first mistake after arming is a detection.
     */
    @Test
    void aClassifiersReferenceArmsOnlyWhenItsStandardErrorIsHalfTheAllowance() {
        ChangeDetector d = new ChangeDetector(new ChangeDetectorSettings(0.25, 1e-3, 1440, 30, 0, 0));
        int detectedAt = -1;
        for (int t = 0; t < 2_000 && detectedAt < 0; t++) {
            if (d.observe(t % 10 == 9 ? 1.0 : 0.0)) {
                detectedAt = t;
            }
        }
        // The sample count n at which the closed form first allows it (m = the share of mistakes so far),
        // then the first mistake after that sample.
        double halfAllowance = 0.125;
        int n = 64;
        while ((1 - Math.floor(n / 10.0) / n) / (Math.floor(n / 10.0) / n * (n - 1)) > halfAllowance * halfAllowance) {
            n++;
        }
        assertThat(n).as("arming sample count").isBetween(577, 590);
        int firstMistakeAfter = (n / 10 + 1) * 10 - 1; // t of the first mistake after sample t = n - 1
        assertThat(detectedAt).isEqualTo(firstMistakeAfter);
    }

    @Test
    void badSettingsAndInputsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new ChangeDetectorSettings(0, 50, 1440, 30, 0, 0)).hasMessageContaining("allowance");
        assertThatThrownBy(() -> new ChangeDetectorSettings(0.5, -1, 1440, 30, 0, 0)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new ChangeDetectorSettings(0.5, 50, 1, 30, 0, 0)).hasMessageContaining("referenceSamples");
        assertThatThrownBy(() -> new ChangeDetectorSettings(0.5, 50, 1440, 0, 0, 0)).hasMessageContaining("openStepUpdates");
        assertThatThrownBy(() -> new ChangeDetector(SETTINGS).observe(Double.NaN)).hasMessageContaining("squared error");
        assertThatThrownBy(() -> new ChangeDetector(SETTINGS).observe(-1)).hasMessageContaining("squared error");
    }

    /**
     * A detection taken back: the CUSUM resumes armed, at 0, with the reference it held before, so the next rise
     * is judged at once: errors at 20 times that reference add CLIP - (1 + k) = 8.5 each, a detection after exactly
     * ceil(50 / 8.5) = 6 samples; after a detection NOT taken back the detector first re-learns a reference
     * ({@link ChangeDetector#MIN_REFERENCE_SAMPLES} samples at least), so the same 6 samples find nothing.
     */
    @Test
    void aDetectionTakenBackResumesWithTheOldReferenceArmed() {
        for (boolean takenBack : new boolean[] {true, false}) {
            ChangeDetector d = new ChangeDetector(SETTINGS);
            SplittableRandom rng = new SplittableRandom(11);
            for (int j = 0; j < 2_000; j++) {
                double g = rng.nextGaussian();
                assertThat(d.observe(g * g)).isFalse();
            }
            double level = d.referenceLevel();
            long count = d.referenceCount();
            assertThat(count).isGreaterThanOrEqualTo(ChangeDetector.MIN_REFERENCE_SAMPLES);
            double before = d.statistic();
            int burst = 1;
            while (!d.observe(20 * level)) {
                burst++;
            }
            assertThat(burst).as("samples of the burst to the detection, from S = %.2f", before)
                    .isEqualTo((int) Math.ceil((50 - before) / 8.5));
            if (takenBack) {
                d.takeBack(level, count);
                assertThat(d.referenceLevel()).isEqualTo(level);
                assertThat(d.referenceCount()).isEqualTo(count);
                assertThat(d.statistic()).isZero();
            }
            boolean detected = false;
            for (int j = 0; j < 6; j++) {
                detected = d.observe(20 * level);
            }
            assertThat(detected).as("the 6th raised sample after the detection, taken back: %s", takenBack)
                    .isEqualTo(takenBack);
            assertThat(d.detections()).isEqualTo(takenBack ? 2 : 1);
        }
    }

    @Test
    void onlyADetectionCanBeTakenBackAndOnlyToAnArmedReference() {
        ChangeDetector d = new ChangeDetector(SETTINGS);
        assertThatThrownBy(() -> d.takeBack(1, 100)).isInstanceOf(IllegalStateException.class);
        for (int j = 0; j < 100; j++) {
            d.observe(1);
        }
        while (!d.observe(100)) {
            // until the detection
        }
        assertThatThrownBy(() -> d.takeBack(1, ChangeDetector.MIN_REFERENCE_SAMPLES - 1))
                .hasMessageContaining("armed");
        assertThatThrownBy(() -> d.takeBack(Double.NaN, 100)).hasMessageContaining("armed");
    }
}
