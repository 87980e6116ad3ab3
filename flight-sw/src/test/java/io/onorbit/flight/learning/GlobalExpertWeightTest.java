package io.onorbit.flight.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GlobalExpertWeightTest {

    @Test
    void theClipIsHalfTheRmsOfTheOwnErrors() {
        GlobalExpertWeight w = GlobalExpertWeight.start(1e9);
        assertThat(w.clip()).as("nothing measured: the global model cannot move anything").isZero();
        assertThat(w.serve(1f, 5f)).isEqualTo(1f);
        for (int k = 0; k < 1000; k++) {
            float y = k % 2 == 0 ? 0.3f : -0.3f; // own always predicts 0: |error| = 0.3
            w = w.observe(0f, 0f, y);
        }
        assertThat(w.clip()).isCloseTo(0.15, within(1e-6));
        assertThat(w.expert(0f, 10f)).isCloseTo(0.15f, within(1e-6f));
        assertThat(w.expert(0f, -0.1f)).isEqualTo(-0.1f);
    }

    /**
     * A global model that is exact (its prediction is the label) and an own prediction with
     * Gaussian errors e of standard deviation s: the clipped expert is soft thresholding of e at
     * c = s / 2, the fitted weight goes wholly to it (E[(y - g')(own - g')] = -c E[(|e| - c)+] < 0),
     * and the served mean squared error is E[(|e| - c)+^2] = 2 s^2 [(1 + a^2)(1 - Phi(a)) - a phi(a)]
     * with a = 1/2: 0.41928 s^2.
     */
    @Test
    void againstAnExactGlobalModelTheServedErrorIsTheSoftThresholdedOwnError() {
        SplittableRandom r = new SplittableRandom(3);
        double s = 0.02;
        GlobalExpertWeight w = GlobalExpertWeight.start(1e9);
        double sum = 0;
        int n = 200_000;
        int warm = 10_000;
        for (int k = 0; k < n + warm; k++) {
            float y = (float) r.nextGaussian();
            float own = (float) (y + s * r.nextGaussian());
            float served = w.serve(own, y);
            if (k >= warm) {
                sum += (served - y) * (double) (served - y);
            }
            w = w.observe(own, y, y);
        }
        double a = 0.5;
        double tail = 0.3085375387259869; // 1 - Phi(1/2)
        double density = Math.exp(-a * a / 2) / Math.sqrt(2 * Math.PI);
        double expected = 2 * s * s * ((1 + a * a) * tail - a * density);
        assertThat(w.weight().personalShare()).isZero();
        assertThat(sum / n).isCloseTo(expected, within(0.02 * expected));
    }

    /** A stale global model, far off: each served prediction moves from the own one by at most the clip. */
    @Test
    void aStaleGlobalModelMovesNoPredictionByMoreThanTheClip() {
        SplittableRandom r = new SplittableRandom(4);
        GlobalExpertWeight w = GlobalExpertWeight.start(1440);
        double ownSquares = 0;
        double servedSquares = 0;
        for (int k = 0; k < 20_000; k++) {
            float y = (float) r.nextGaussian();
            float own = (float) (y + 0.02 * r.nextGaussian());
            float stale = y + 5f;
            float served = w.serve(own, stale);
            assertThat((double) Math.abs(served - own)).isLessThanOrEqualTo(w.clip() + 1e-6);
            ownSquares += (own - y) * (double) (own - y);
            servedSquares += (served - y) * (double) (served - y);
            w = w.observe(own, stale, y);
        }
        assertThat(w.weight().personalShare()).as("the fit turns to the own prediction").isGreaterThan(0.8);
        assertThat(servedSquares).isLessThan(1.01 * ownSquares);
    }

    @Test
    void badStateIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GlobalExpertWeight(MixingWeight.start(10), -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("error squares");
    }
}
