package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CUSUM's decision interval derived for a target in-control average run length
 * ({@link ChangeDetector#thresholdForRunLength}) against run lengths computed without it: exactly,
 * by the Markov chain of Brook and Evans (1972, "An approach to the probability distribution of
 * cusum run length", Biometrika 59) on the statistic's states, and by counting the alarms of the
 * detector itself on simulated stationary streams.
 */
class ChangeDetectorRunLengthTest {

    private static final double K = 0.25;

    /**
     * Exact in-control ARL of S = max(0, S + z), alarm at S &ge; h, started at 0, for increments on a
     * lattice of step u: z = up x u with probability p, -u otherwise. The states are S = i u for
     * i u &lt; h; L = (I - Q)^-1 1 with Q the transitions among them (Brook and Evans 1972), exact here
     * because the increments take no value between the lattice points.
     */
    private static double latticeRunLength(double h, double u, int up, double p) {
        int n = (int) Math.ceil(h / u - 1e-12);
        Array2DRowRealMatrix a = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            a.addToEntry(i, i, 1);
            if (i + up < n) {
                a.addToEntry(i, i + up, -p);
            }
            a.addToEntry(i, Math.max(0, i - 1), -(1 - p));
        }
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        return new LUDecomposition(a).getSolver().solve(new ArrayRealVector(ones)).getEntry(0);
    }

    /**
     * A classifier's 0/1 errors at rate p, with the reference at its true level p: x / m is 1 / p on a
     * mistake and 0 otherwise, so the increments are 1 / p - 1.25 and -1.25 (k = 0.25), both multiples
     * of 1.25 for p = 0.1 (7 steps up) and p = 0.2 (3 up); their variance is (1 - p) / p and third
     * central moment (1 - p)(1 - 2p) / p^2 (a scaled Bernoulli variable). The exact ARL at the derived
     * h is within 15 % of the target, from 1 to 30 days of a 60 s stream. (With the Gaussian theta
     * 2 k / v instead of the skew-corrected one the ARL at 10 % would fall to 0.7 of the target.)
     */
    @ParameterizedTest
    @CsvSource({"0.1, 7, 1440", "0.1, 7, 10080", "0.1, 7, 43200", "0.2, 3, 1440", "0.2, 3, 10080", "0.2, 3, 43200"})
    void theExactRunLengthOfAClassifiersErrorsIsTheTarget(double p, int up, double target) {
        double variance = (1 - p) / p;
        double third = (1 - p) * (1 - 2 * p) / (p * p);
        assertThat((up + 1) * 1.25).as("lattice").isCloseTo(Math.min(1 / p, ChangeDetector.CLIP), org.assertj.core.data.Offset.offset(1e-9));
        double h = ChangeDetector.thresholdForRunLength(target, K, variance, third);
        double arl = latticeRunLength(h, 1.25, up, p);
        assertThat(arl / target).as("exact ARL %.0f at h %.2f for target %.0f", arl, h, target).isBetween(0.85, 1.15);
    }

    /**
     * Squared Gaussian errors with the reference at the variance: x / m is chi-square(1) (capped at
     * {@link ChangeDetector#CLIP}), variance 2 and third central moment 8. The ARL at the derived h,
     * by Brook and Evans' discretisation (the states the midpoints of 400 cells of [0, h), transitions
     * from the chi-square(1) distribution function), is within [0.9, 1.6] of the target: the
     * third-order cumulant series gives theta = 0.198 where the exact root of
     * (1 - 2 theta)^(-1/2) exp(-1.25 theta) = 1 is 0.185, so the rate errs towards fewer alarms on this
     * heavier tail. (The fixed h = 50 of the default is an ARL of about 10^6 samples here.)
     */
    @ParameterizedTest
    @CsvSource({"1440", "10080", "43200"})
    void theRunLengthOfSquaredGaussianErrorsIsNearTheTarget(double target) {
        double h = ChangeDetector.thresholdForRunLength(target, K, 2, 8);
        double arl = chiSquareRunLength(h, 400);
        assertThat(arl / target).as("ARL %.0f at h %.2f for target %.0f", arl, h, target).isBetween(0.9, 1.6);
        assertThat(chiSquareRunLength(50, 400)).as("the fixed h = 50").isGreaterThan(1e5);
    }

    /** P(min(X, CLIP) - 1.25 &le; z) for X chi-square(1). */
    private static double incrementCdf(double z) {
        double x = z + 1 + K;
        if (x <= 0) {
            return 0;
        }
        return x >= ChangeDetector.CLIP ? 1 : Erf.erf(Math.sqrt(x / 2));
    }

    /** Brook and Evans' Markov chain for chi-square(1) increments on n cells of [0, h), started at 0. */
    private static double chiSquareRunLength(double h, int n) {
        double w = h / n;
        // From the midpoint of cell i >= 1 to cell j the increment lies in ((j - i - 0.5) w, (j - i + 0.5) w]:
        // the distribution function at the half-cells, offsets -n..n; from 0 (cell 0 starts at 0) at whole cells.
        double[] half = new double[2 * n + 2];
        double[] whole = new double[n + 1];
        for (int d = -n; d <= n + 1; d++) {
            half[d + n] = incrementCdf((d - 0.5) * w);
        }
        for (int j = 0; j <= n; j++) {
            whole[j] = incrementCdf(j * w);
        }
        Array2DRowRealMatrix a = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            a.addToEntry(i, i, 1);
            for (int j = 0; j < n; j++) {
                double below = j == 0 ? 0 : (i == 0 ? whole[j] : half[j - i + n]);
                double upTo = i == 0 ? whole[j + 1] : half[j - i + 1 + n];
                // cell 0 also takes every value below 0 (the reflection): its lower bound is -infinity
                a.addToEntry(i, j, -(upTo - below));
            }
        }
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        return new LUDecomposition(a).getSolver().solve(new ArrayRealVector(ones)).getEntry(0);
    }

    /**
     * Samples from arming to each alarm of the detector itself, on stationary streams, mean over
     * {@code alarms} alarms (the detector re-arms after each: a false alarm restarts the reference).
     */
    private static double meanRunLength(ChangeDetectorSettings s, DoubleSupplier squaredError, int alarms) {
        ChangeDetector d = new ChangeDetector(s);
        long armedSamples = 0;
        while (d.detections() < alarms) {
            boolean wasArmed = d.armed();
            d.observe(squaredError.getAsDouble());
            if (wasArmed) {
                armedSamples++;
            }
        }
        return (double) armedSamples / alarms;
    }

    /**
     * The detector with a target of 5,000 samples on three tasks' in-control errors: a classifier at
     * 10 % and at 20 % error and squared Gaussian errors. It estimates the reference level and the
     * moments from the samples since arming's start (a relative standard error of the level up to
     * k / 2 = 12.5 %), and an estimated level shortens or lengthens the run by a factor (Jones, Champ
     * and Rigdon 2004, "The run length distribution of the CUSUM with estimated parameters", J.
     * Quality Technology 36): over 400 alarms each (2 binomial standard errors of the mean are 10 %)
     * the mean run is within [0.4, 2] of the target on each. The fixed h = 50 gives run lengths more
     * than 100 times apart on the same streams.
     */
    @Test
    void theDetectorsFalseAlarmRateIsNearTheTargetOnEveryTask() {
        ChangeDetectorSettings fixed = new ChangeDetectorSettings(K, 50, 1440, 800, 0, 0);
        ChangeDetectorSettings target = fixed.withInControlRunSamples(OptionalDouble.of(5_000));
        SplittableRandom rng = new SplittableRandom(11);
        DoubleSupplier classifier10 = () -> rng.nextDouble() < 0.1 ? 1 : 0;
        DoubleSupplier classifier20 = () -> rng.nextDouble() < 0.2 ? 1 : 0;
        DoubleSupplier gaussian = () -> {
            double e = 0.3 * rng.nextGaussian();
            return e * e;
        };
        for (DoubleSupplier stream : new DoubleSupplier[] {classifier10, classifier20, gaussian}) {
            double arl = meanRunLength(target, stream, 400);
            assertThat(arl / 5_000).as("mean run length %.0f", arl).isBetween(0.4, 2.0);
        }
        double fixedClassifier = meanRunLength(fixed, classifier10, 100);
        double fixedGaussian = meanRunLength(fixed, gaussian, 1);
        assertThat(fixedGaussian / fixedClassifier).as("fixed h: Gaussian %.0f, classifier %.0f", fixedGaussian,
                fixedClassifier).isGreaterThan(100);
    }

    /**
     * After a classifier's error rate doubles from 10 % to 20 % (the reference at about 0.1), the
     * increments have mean 10 x 0.2 - 1.25 = 0.75, so by Wald's identity the delay is between
     * h / 0.75 and (h + CLIP) / 0.75 for the h the detector derived at arming (target 10,080
     * samples, a week of a 60 s stream): the mean over 40 seeds within 0.8 and 1.1 of those bounds.
     */
    @Test
    void aDoublingOfAClassifiersErrorIsDetectedAfterTheWaldDelay() {
        ChangeDetectorSettings s = new ChangeDetectorSettings(K, 50, 1440, 800, 0, 0)
                .withInControlRunSamples(OptionalDouble.of(10_080));
        int change = 3_000;
        double sumDelay = 0;
        double sumLow = 0;
        double sumHigh = 0;
        int seeds = 40;
        for (long seed = 1; seed <= seeds; seed++) {
            ChangeDetector d = new ChangeDetector(s);
            // alarms before the change are the target's false alarms: the first one from the change on counts
            int detectedAt = ChangeDetectorTest.firstClassifierDetection(d, seed, change, 0.1, 0.2, 5_000, change);
            // the h of the detection (it re-arms only 64 samples or more after an alarm, so no later h)
            double h = d.decisionInterval();
            assertThat(detectedAt).as("seed %d detects", seed).isGreaterThanOrEqualTo(change);
            sumDelay += detectedAt - change + 1;
            sumLow += h / 0.75;
            sumHigh += (h + ChangeDetector.CLIP) / 0.75;
        }
        assertThat(sumDelay / seeds).as("mean delay, Wald bounds [%.0f, %.0f]", sumLow / seeds, sumHigh / seeds)
                .isBetween(0.8 * sumLow / seeds, 1.1 * sumHigh / seeds);
    }

    /** Constant errors give no spread to design for: h is one capped increment, so one sample never decides. */
    @Test
    void constantErrorsGiveTheSmallestThreshold() {
        assertThat(ChangeDetector.thresholdForRunLength(10_000, K, 0, 0)).isEqualTo(ChangeDetector.CLIP);
        ChangeDetector d = new ChangeDetector(new ChangeDetectorSettings(K, 50, 1440, 800, 0, 0)
                .withInControlRunSamples(OptionalDouble.of(10_000)));
        for (int t = 0; t < 200; t++) {
            assertThat(d.observe(1.0)).isFalse();
        }
        assertThat(d.decisionInterval()).isEqualTo(ChangeDetector.CLIP);
        assertThat(d.observe(100.0)).as("one capped increment: 10 - 1.25 < 10").isFalse();
        assertThat(d.observe(100.0)).as("two").isTrue();
    }

    /**
     * The CUSUM adds min(x / m, CLIP) - (1 + k): a variable in [0, CLIP] with mean 1 has variance at
     * most (CLIP - 1) x 1 = 9 (Bhatia and Davis 2000), so a reference phase whose errors spread wider
     * (here a classifier at 2 % error, x / m = 50 on a mistake: variance 49) is designed as the
     * two-point case on {0, 10} (variance 9, third central moment 9 x 8 = 72), not as a spread the
     * capped increments cannot have (which would give h of several hundred).
     */
    @Test
    void aSpreadWiderThanTheCappedIncrementsCanHaveIsDesignedAtTheirBound() {
        ChangeDetector d = new ChangeDetector(new ChangeDetectorSettings(K, 50, 100_000, 800, 0, 0)
                .withInControlRunSamples(OptionalDouble.of(28_800)));
        int t = 0;
        while (!d.armed()) {
            d.observe(t++ % 50 == 49 ? 1.0 : 0.0);
        }
        double bound = ChangeDetector.thresholdForRunLength(28_800, K, 9, 72);
        assertThat(d.decisionInterval()).isEqualTo(bound);
        assertThat(ChangeDetector.thresholdForRunLength(28_800, K, 49, 49 * 48)).as("uncapped").isGreaterThan(3 * bound);
    }

    @Test
    void badRunLengthsAreRefusedNamingTheField() {
        ChangeDetectorSettings s = new ChangeDetectorSettings(K, 50, 1440, 800, 0, 0);
        assertThatThrownBy(() -> s.withInControlRunSamples(OptionalDouble.of(99))).hasMessageContaining("inControlRunSamples");
        assertThatThrownBy(() -> s.withInControlRunSamples(OptionalDouble.of(Double.NaN)))
                .hasMessageContaining("inControlRunSamples");
        assertThatThrownBy(() -> ChangeDetector.thresholdForRunLength(0, K, 1, 0)).hasMessageContaining("run length");
        assertThat(ChangeDetector.stateBytes(s)).isEqualTo(ChangeDetector.STATE_BYTES);
        assertThat(ChangeDetector.stateBytes(s.withInControlRunSamples(OptionalDouble.of(1e4))))
                .isEqualTo(ChangeDetector.STATE_BYTES + 16);
    }
}
