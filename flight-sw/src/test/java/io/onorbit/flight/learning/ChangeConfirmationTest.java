package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The confirmation test against the binomial distribution: a classifier's 0/1 squared errors at error rate p,
 * judged against a reference level m0 = 1/8, make the mean ratio R = 8 X / M (X the number of errors in M
 * samples, each ratio 8 below the cap of 10), so the detection is taken back exactly when
 * X &le; floor((1 + k) M / 8); its probability is the binomial cumulative distribution, summed here term by
 * term from the pmf recursion (not from the code under test).
 */
class ChangeConfirmationTest {

    /** P(X &le; c) for X binomial(m, p), from the pmf recursion P(j + 1) = P(j) (m - j) / (j + 1) p / (1 - p). */
    private static double binomialCdf(int m, double p, int c) {
        double pmf = Math.pow(1 - p, m);
        double sum = 0;
        for (int j = 0; j <= c; j++) {
            sum += pmf;
            pmf *= (double) (m - j) / (j + 1) * p / (1 - p);
        }
        return sum;
    }

    /**
     * At the in-control error rate (p = m0 = 1/8: no change, a false alarm) and at raised rates (a change the
     * model of the detection has not followed), the share of 4,000 tests that take the detection back matches
     * the binomial cdf within 4 binomial standard deviations. M = 360, k = 0.25: taken back iff X &le; 56.
     */
    @ParameterizedTest
    @CsvSource({"0.125, 0.25", "0.15, 0.25", "0.175, 0.25", "0.2, 0.25", "0.125, 0.5", "0.175, 0.5"})
    void theShareTakenBackIsTheBinomialProbabilityOfAtMostTheMidpointCount(double p, double k) {
        int m = 360;
        int tests = 4_000;
        ChangeConfirmation c = new ChangeConfirmation(m, k);
        SplittableRandom rng = new SplittableRandom(Double.doubleToLongBits(p * 31 + k));
        int takenBack = 0;
        for (int s = 0; s < tests; s++) {
            c.start(0.125, 1440);
            ChangeConfirmation.Verdict v = ChangeConfirmation.Verdict.PENDING;
            for (int j = 0; j < m; j++) {
                assertThat(v).isEqualTo(ChangeConfirmation.Verdict.PENDING);
                v = c.observe(rng.nextDouble() < p ? 1.0 : 0.0);
            }
            assertThat(c.running()).isFalse();
            takenBack += v == ChangeConfirmation.Verdict.TAKEN_BACK ? 1 : 0;
        }
        double expected = binomialCdf(m, p, (int) Math.floor((1 + k) * m / 8));
        double sd = Math.sqrt(expected * (1 - expected) / tests);
        assertThat((double) takenBack / tests).as("share taken back, binomial %.4f", expected)
                .isCloseTo(expected, org.assertj.core.data.Offset.offset(4 * sd + 1e-3));
    }

    /** The two error probabilities of the default k at M = 360 (binomial): what BENCHMARKS.md quotes. */
    @Test
    void errorProbabilitiesAtTheSettingsMeasured() {
        // a false alarm at p = 1/8 is kept (wrongly confirmed) with probability 1 - P(X <= 56)
        assertThat(1 - binomialCdf(360, 0.125, 56)).isBetween(0.03, 0.05);
        // a change to p = 0.2 is taken back (wrongly) with probability P(X <= 56)
        assertThat(binomialCdf(360, 0.2, 56)).isBetween(0.01, 0.03);
    }

    @Test
    void aLargeErrorCountsAsTheCusumCapAndAZeroReferenceMakesAnyErrorTheCap() {
        ChangeConfirmation c = new ChangeConfirmation(16, 0.25);
        c.start(0.01, 100);
        // one error at 1e6 times the reference counts as CLIP = 10: 10 / 16 + 15 x 0.5 / 16 = 1.09 <= 1.25
        ChangeConfirmation.Verdict v = c.observe(1e4);
        for (int j = 1; j < 16; j++) {
            v = c.observe(0.005);
        }
        assertThat(v).isEqualTo(ChangeConfirmation.Verdict.TAKEN_BACK);
        c.start(0, 100);
        for (int j = 0; j < 15; j++) {
            assertThat(c.observe(0)).isEqualTo(ChangeConfirmation.Verdict.PENDING);
        }
        assertThat(c.observe(1e-9)).as("10 / 16 = 0.625: no rise on average").isEqualTo(ChangeConfirmation.Verdict.TAKEN_BACK);
        c.start(0, 100);
        for (int j = 0; j < 16; j++) {
            v = c.observe(j % 4 == 0 ? 0 : 1e-9);
        }
        assertThat(v).as("12 x 10 / 16 = 7.5").isEqualTo(ChangeConfirmation.Verdict.CONFIRMED);
    }

    @Test
    void idleUntilStartedAndARestartForgetsTheRunningTest() {
        ChangeConfirmation c = new ChangeConfirmation(16, 0.25);
        assertThat(c.running()).isFalse();
        assertThat(c.observe(5)).isEqualTo(ChangeConfirmation.Verdict.PENDING);
        c.start(1, 200);
        for (int j = 0; j < 10; j++) {
            c.observe(10); // a raised error, then a new detection restarts the count
        }
        c.start(2, 300);
        assertThat(c.referenceLevelBefore()).isEqualTo(2);
        assertThat(c.referenceCountBefore()).isEqualTo(300);
        ChangeConfirmation.Verdict v = ChangeConfirmation.Verdict.PENDING;
        for (int j = 0; j < 16; j++) {
            v = c.observe(2);
        }
        assertThat(v).isEqualTo(ChangeConfirmation.Verdict.TAKEN_BACK);
        assertThat(c.running()).isFalse();
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> new ChangeConfirmation(0, 0.25)).hasMessageContaining("samples");
        assertThatThrownBy(() -> new ChangeConfirmation(16, 0)).hasMessageContaining("allowance");
        ChangeConfirmation c = new ChangeConfirmation(16, 0.25);
        assertThatThrownBy(() -> c.start(-1, 100)).hasMessageContaining("reference level");
        assertThatThrownBy(() -> c.observe(Double.NaN)).hasMessageContaining("squared error");
        assertThatThrownBy(() -> new ChangeDetectorSettings(0.25, 50, 1440, 800, 0, 15))
                .hasMessageContaining("confirmSamples");
        assertThat(new ChangeDetectorSettings(0.25, 50, 1440, 800, 0, 16).confirms()).isTrue();
        assertThat(new ChangeDetectorSettings(0.25, 50, 1440, 800, 0, 0).confirms()).isFalse();
        assertThat(ChangeDetectorSettings.defaults().confirmSamples()).isEqualTo(360);
    }
}
