package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The features' lag-1 autocorrelation against closed forms: an AR(1) process x_t = phi x_(t-1) +
 * e_t has lag-1 autocorrelation phi (Box and Jenkins, Time Series Analysis); a sampled sinusoid of
 * period P samples has cos(2 pi / P); a white-noise estimate falls inside 2 / sqrt(n) with
 * probability P(|Z| &le; 2) = 0.9545 (Bartlett 1946).
 */
class SerialCorrelationTest {

    private static SerialCorrelation estimator(int features, long memory) {
        return new SerialCorrelation(features, memory, MemoryAccountant.unbounded());
    }

    /** Two AR(1) features with coefficients phi1 and phi2 and a constant third: the mean is (phi1 + phi2) / 2. */
    @ParameterizedTest(name = "phi {0} and {1}, seed {2}")
    @CsvSource({"-0.5, -0.3, 1", "0.3, 0.3, 3", "0.8, 0.6, 4", "0.95, 0.2, 5"})
    void theMeanOfAutoregressiveFeaturesCoefficients(double phi1, double phi2, long seed) {
        SerialCorrelation c = estimator(3, 1440);
        SplittableRandom rng = new SplittableRandom(seed);
        double a = 0;
        double b = 0;
        float[] x = new float[3];
        for (int t = 0; t < 30_000; t++) {
            a = phi1 * a + rng.nextGaussian();
            b = phi2 * b + rng.nextGaussian();
            x[0] = (float) (5 + a); // an offset: the estimate removes the mean
            x[1] = (float) (-2 + 0.1 * b); // another scale: each feature is normalised by its own variance
            x[2] = 7f; // no variance: left out of the mean
            c.observe(x);
        }
        // the exponential memory of 1440 weighs like about 2 x 1440 samples: SE about sqrt((1 - phi^2) / 2880) <= 0.019 each
        assertThat(c.meanLagOneAutocorrelation()).isCloseTo((phi1 + phi2) / 2, within(0.06));
        assertThat(c.looksWhite()).as("outside the white-noise band 2 / sqrt(1440) = 0.053").isFalse();
        assertThat(c.count()).isEqualTo(30_000);
    }

    @ParameterizedTest(name = "period {0} samples")
    @ValueSource(ints = {95, 40, 12})
    void aSampledSinusoidHasTheCosineOfItsPhaseStep(int period) {
        SerialCorrelation c = estimator(1, 100_000);
        int n = period * (1200 / period); // whole periods: the running mean is the sinusoid's, 0
        for (int t = 0; t < n; t++) {
            c.observe(new float[] {(float) Math.sin(2 * Math.PI * t / period)});
        }
        // n - 1 lag products against n squares: relative bias about 1 / n (plus float rounding)
        assertThat(c.meanLagOneAutocorrelation()).isCloseTo(Math.cos(2 * Math.PI / period), within(3.0 / n));
        assertThat(c.looksWhite()).isFalse();
    }

    /** One feature of white noise (0/1, like a classifier's errors, or uniform like SEA's features). */
    @ParameterizedTest(name = "bernoulli {0}")
    @ValueSource(booleans = {true, false})
    void whiteNoiseIsInsideTheBandAboutNinetyFivePercentOfTheTime(boolean bernoulli) {
        int streams = 400;
        int inside = 0;
        SplittableRandom rng = new SplittableRandom(bernoulli ? 11 : 12);
        float[] x = new float[1];
        for (int s = 0; s < streams; s++) {
            SerialCorrelation c = estimator(1, 1440);
            for (int t = 0; t < 1440; t++) {
                x[0] = bernoulli ? (rng.nextDouble() < 0.12 ? 1 : 0) : (float) (10 * rng.nextDouble());
                c.observe(x);
            }
            inside += c.looksWhite() ? 1 : 0;
        }
        double p = 0.9545;
        double sd = Math.sqrt(p * (1 - p) / streams);
        assertThat(inside / (double) streams).isCloseTo(p, within(4 * sd));
    }

    @Test
    void tooFewSamplesOrNoVarianceTellNothingAndTheStateIsBudgeted() {
        SerialCorrelation c = estimator(1, 100);
        for (int t = 0; t < ChangeDetector.MIN_REFERENCE_SAMPLES - 1; t++) {
            c.observe(new float[] {t % 2});
        }
        assertThat(c.looksWhite()).as("fewer than the detector's minimum samples").isFalse();
        SerialCorrelation flat = estimator(2, 100);
        for (int t = 0; t < 200; t++) {
            flat.observe(new float[] {3f, -1f});
        }
        assertThat(flat.meanLagOneAutocorrelation()).isZero();
        MemoryAccountant m = new MemoryAccountant(1 << 16);
        new SerialCorrelation(5, 100, m);
        assertThat(m.usedBytes()).as("four doubles per feature").isEqualTo(5 * 4 * 8);
        assertThatThrownBy(() -> estimator(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> estimator(0, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
