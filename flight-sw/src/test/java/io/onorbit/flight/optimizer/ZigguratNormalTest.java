package io.onorbit.flight.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

class ZigguratNormalTest {

    private static double f(double x) {
        return Math.exp(-0.5 * x * x);
    }

    /**
     * The table is a ziggurat: every layer above the base has the same area x_i (f(x_(i+1)) - f(x_i))
     * under e^(-x^2/2), the base layer (the rectangle to R plus the tail, whose area is
     * sqrt(pi/2) erfc(R / sqrt 2)) has it too, and the top layer closes at f(0) = 1.
     */
    @Test
    void everyLayerHasTheSameArea() {
        double tailArea = Math.sqrt(Math.PI / 2) * org.hipparchus.special.Erf.erfc(ZigguratNormal.TAIL_START / Math.sqrt(2));
        assertThat(ZigguratNormal.TAIL_START * f(ZigguratNormal.TAIL_START) + tailArea)
                .isCloseTo(ZigguratNormal.LAYER_AREA, Offset.offset(1e-9));
        for (int i = 1; i < 127; i++) {
            double area = ZigguratNormal.edge(i) * (f(ZigguratNormal.edge(i + 1)) - f(ZigguratNormal.edge(i)));
            assertThat(area).as("layer %d", i).isCloseTo(ZigguratNormal.LAYER_AREA, Offset.offset(1e-9));
        }
        double top = ZigguratNormal.edge(127) * (1 - f(ZigguratNormal.edge(127)));
        assertThat(top).isCloseTo(ZigguratNormal.LAYER_AREA, Offset.offset(1e-8));
    }

    /**
     * Two million draws against the normal distribution (Hipparchus' CDF): Kolmogorov-Smirnov
     * distance below 1.63 / sqrt(n) (the 1 % level), mean and variance within 5 standard errors,
     * and the share beyond the ziggurat's tail start, where a wrong tail method would show, within
     * 5 standard errors of 2 (1 - Phi(R)).
     */
    @Test
    void drawsAreStandardNormal() {
        int n = 2_000_000;
        double[] x = new double[n];
        SplittableRandom r = new SplittableRandom(2024);
        double sum = 0;
        double squares = 0;
        int beyondTail = 0;
        for (int i = 0; i < n; i++) {
            x[i] = ZigguratNormal.draw(r);
            sum += x[i];
            squares += x[i] * x[i];
            if (Math.abs(x[i]) > ZigguratNormal.TAIL_START) {
                beyondTail++;
            }
        }
        double mean = sum / n;
        assertThat(mean).isCloseTo(0, Offset.offset(5 / Math.sqrt(n)));
        assertThat(squares / n - mean * mean).isCloseTo(1, Offset.offset(5 * Math.sqrt(2.0 / n)));
        NormalDistribution normal = new NormalDistribution(0, 1);
        double tailShare = 2 * (1 - normal.cumulativeProbability(ZigguratNormal.TAIL_START));
        assertThat((double) beyondTail / n).isCloseTo(tailShare, Offset.offset(5 * Math.sqrt(tailShare / n)));
        Arrays.sort(x);
        double ks = 0;
        for (int i = 0; i < n; i++) {
            double cdf = normal.cumulativeProbability(x[i]);
            ks = Math.max(ks, Math.max(cdf - (double) i / n, (double) (i + 1) / n - cdf));
        }
        assertThat(ks).isLessThan(1.63 / Math.sqrt(n));
    }

    /**
     * The tail method alone, 200 000 draws against the normal distribution's tail beyond R,
     * P(X &le; t | X &gt; R) = (Phi(t) - Phi(R)) / (1 - Phi(R)): Kolmogorov-Smirnov distance below the
     * 1 % level; the sign follows the flag.
     */
    @Test
    void theTailIsTheNormalTail() {
        int n = 200_000;
        double[] x = new double[n];
        SplittableRandom r = new SplittableRandom(99);
        for (int i = 0; i < n; i++) {
            x[i] = ZigguratNormal.tail(false, r);
        }
        assertThat(ZigguratNormal.tail(true, r)).isLessThan(-ZigguratNormal.TAIL_START);
        NormalDistribution normal = new NormalDistribution(0, 1);
        double below = normal.cumulativeProbability(ZigguratNormal.TAIL_START);
        Arrays.sort(x);
        assertThat(x[0]).isGreaterThanOrEqualTo(ZigguratNormal.TAIL_START);
        double ks = 0;
        for (int i = 0; i < n; i++) {
            double cdf = (normal.cumulativeProbability(x[i]) - below) / (1 - below);
            ks = Math.max(ks, Math.max(cdf - (double) i / n, (double) (i + 1) / n - cdf));
        }
        assertThat(ks).isLessThan(1.63 / Math.sqrt(n));
    }

    /** The same generator state gives the same draws: the engine's noise stays reproducible from its seed. */
    @Test
    void reproducibleFromTheGenerator() {
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(ZigguratNormal.draw(a)).isEqualTo(ZigguratNormal.draw(b));
        }
    }
}
