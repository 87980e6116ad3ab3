package io.onorbit.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DecimatedSeriesTest {

    @Test
    void boundedSizeKeepsMinimumAndWeightedMeanAndSum() {
        DecimatedSeries s = new DecimatedSeries(64, DecimatedSeries.Merge.MIN, DecimatedSeries.Merge.MEAN,
                DecimatedSeries.Merge.SUM);
        int n = 100_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double v = Math.sin(i * 0.001);
            sum += v;
            s.add(i, i == 77_777 ? -5 : v, v, 1);
        }
        assertThat(s.size()).isLessThanOrEqualTo(65);
        double min = Double.POSITIVE_INFINITY;
        double total = 0;
        double weighted = 0;
        double[] mins = s.values(0);
        double[] means = s.values(1);
        double[] counts = s.values(2);
        for (int i = 0; i < s.size(); i++) {
            min = Math.min(min, mins[i]);
            total += counts[i];
            weighted += means[i] * counts[i];
        }
        assertThat(min).isEqualTo(-5); // a single dip survives any decimation
        assertThat(total).isEqualTo(n); // sums are conserved
        assertThat(weighted).isCloseTo(sum, within(1e-6 * n)); // means weighted by their counts give back the total
        assertThat(s.times()[0]).isEqualTo(0);
    }
}
