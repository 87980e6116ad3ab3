package io.onorbit.ground.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AggregatorTest {

    @Test
    void fedAvgIsTheSampleWeightedMean() {
        // (1 * 100 + 4 * 300) / 400 = 3.25 ; (2 * 100 + 0 * 300) / 400 = 0.5
        double[] c = Aggregator.fedAvg().combine(List.of(new float[] {1, 2}, new float[] {4, 0}), new long[] {100, 300});
        assertThat(c[0]).isCloseTo(3.25, offset(1e-12));
        assertThat(c[1]).isCloseTo(0.5, offset(1e-12));
        assertThatThrownBy(() -> Aggregator.fedAvg().combine(List.of(new float[] {1}), new long[] {0}))
                .hasMessageContaining("samples");
    }

    @Test
    void staleDeltasAreShrunkByOneOverSqrtOnePlusStalenessNotDropped() {
        // FedBuff weights s(tau) = 1/sqrt(1 + tau): tau = 3 -> 1/2, tau = 8 -> 1/3.
        // sample-weighted: (100 * 1 * 1 + 300 * (1/2) * 4) / 400 = 700 / 400 = 1.75 ; (100 * 2) / 400 = 0.5
        double[] c = Aggregator.fedAvg().combine(List.of(new float[] {1, 2}, new float[] {4, 0}), new long[] {100, 300},
                new long[] {0, 3});
        assertThat(c[0]).isCloseTo(1.75, offset(1e-12));
        assertThat(c[1]).isCloseTo(0.5, offset(1e-12));
        // Robust rules on the shrunk values: 2 * 1, 4 * (1/2), 9 * (1/3) = {2, 2, 3}
        List<float[]> d = List.of(new float[] {2}, new float[] {4}, new float[] {9});
        long[] w = {1, 1, 1};
        long[] tau = {0, 3, 8};
        assertThat(Aggregator.median().combine(d, w, tau)[0]).isCloseTo(2.0, offset(1e-12));
        assertThat(Aggregator.trimmedMean(0.0).combine(d, w, tau)[0]).isCloseTo(7.0 / 3, offset(1e-12));
        assertThat(Aggregator.trimmedMean(0.0).withStalenessExponent(0).combine(d, w, tau)[0])
                .as("exponent 0 ignores staleness: (2 + 4 + 9) / 3").isCloseTo(5.0, offset(1e-12));
        assertThat(Aggregator.fedAvg().lineageWeight(300, 3)).isCloseTo(150.0, offset(1e-12));
        assertThat(Aggregator.median().lineageWeight(300, 8)).isCloseTo(1.0 / 3, offset(1e-12));
        assertThatThrownBy(() -> Aggregator.fedAvg().stalenessScale(-1)).hasMessageContaining("staleness");
        assertThatThrownBy(() -> Aggregator.fedAvg().withStalenessExponent(-0.1)).hasMessageContaining("stalenessExponent");
    }

    @Test
    void medianAndTrimmedMeanOnKnownColumns() {
        List<float[]> d = List.of(new float[] {1}, new float[] {2}, new float[] {3}, new float[] {4}, new float[] {100});
        long[] w = {1, 1, 1, 1, 1};
        assertThat(Aggregator.median().combine(d, w)[0]).isEqualTo(3.0);
        // floor(0.2 * 5) = 1 dropped at each end: mean of 2, 3, 4
        assertThat(Aggregator.trimmedMean(0.2).combine(d, w)[0]).isCloseTo(3.0, offset(1e-12));
        assertThat(Aggregator.trimmedMean(0.0).combine(d, w)[0]).isCloseTo(22.0, offset(1e-12));
        assertThat(Aggregator.median().combine(d.subList(0, 4), new long[4])[0]).isEqualTo(2.5);
        assertThatThrownBy(() -> Aggregator.trimmedMean(0.5)).hasMessageContaining("trimFraction");
    }

    /** Breakdown point: fewer than half arbitrary outliers cannot push a coordinate out of the honest range. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void robustRulesStayInsideTheHonestRange(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 5 + r.nextInt(20);
        int bad = (n - 1) / 2; // strictly fewer than half
        int dim = 16;
        List<float[]> deltas = new ArrayList<>();
        float[] lo = new float[dim];
        float[] hi = new float[dim];
        java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
        for (int k = 0; k < n - bad; k++) {
            float[] d = new float[dim];
            for (int i = 0; i < dim; i++) {
                d[i] = (float) r.nextGaussian();
                lo[i] = Math.min(lo[i], d[i]);
                hi[i] = Math.max(hi[i], d[i]);
            }
            deltas.add(d);
        }
        for (int k = 0; k < bad; k++) {
            float[] d = new float[dim];
            for (int i = 0; i < dim; i++) {
                d[i] = (float) ((r.nextBoolean() ? 1 : -1) * 1e6 * (1 + r.nextDouble()));
            }
            deltas.add(r.nextInt(deltas.size() + 1), d);
        }
        long[] w = new long[n];
        java.util.Arrays.fill(w, 1);
        double[] med = Aggregator.median().combine(deltas, w);
        double trim = Math.min(0.49, (double) bad / n + 1e-9);
        double[] tm = Aggregator.trimmedMean(trim).combine(deltas, w);
        double[] avg = Aggregator.fedAvg().combine(deltas, w);
        boolean meanEscaped = false;
        for (int i = 0; i < dim; i++) {
            assertThat(med[i]).isBetween((double) lo[i], (double) hi[i]);
            assertThat(tm[i]).isBetween((double) lo[i], (double) hi[i]);
            meanEscaped |= avg[i] < lo[i] || avg[i] > hi[i];
        }
        if (bad > 0) {
            assertThat(meanEscaped).as("the plain mean is not robust").isTrue();
        }
    }
}
