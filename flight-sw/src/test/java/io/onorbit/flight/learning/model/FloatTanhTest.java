package io.onorbit.flight.learning.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast tanh is the float {@code (float) Math.tanh(z)} gives, bit for bit, one value at a time
 * and a layer at a time; its double is within the stated 1e-14 of {@code Math.tanh}.
 */
class FloatTanhTest {

    private static void same(float z) {
        int expected = Float.floatToRawIntBits((float) Math.tanh(z));
        assertThat(Float.floatToRawIntBits(FloatTanh.of(z))).as("tanh(%s)", z).isEqualTo(expected);
    }

    /** Every 997th float from 0 to 30 and from -0 to -30 (every binade, about 2.2 million values). */
    @Test
    void sameFloatAcrossEveryBinade() {
        int top = Float.floatToRawIntBits(30f);
        for (int bits = 0; bits <= top; bits += 997) {
            same(Float.intBitsToFloat(bits));
            same(-Float.intBitsToFloat(bits));
        }
    }

    /** Pre-activations as the networks make them: normal, spread over a few orders of magnitude. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void sameFloatOnNetworkLikeInputs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 300_000; i++) {
            same((float) (r.nextGaussian() * Math.pow(10, r.nextInt(-4, 2))));
        }
    }

    @Test
    void sameFloatAtTheEdges() {
        float[] edges = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, 1e-8f, 1e-7f,
            0.5f, 1f, 9.0109f, 9.011f, 22f, 200f, 400f, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        for (float z : edges) {
            same(z);
            same(-z);
        }
    }

    /** Layers of network-like and of arbitrary floats: the vector path decides or hands back, never differs. */
    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void aLayerAtATimeIsTheSameFloat(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] work = new double[33];
        int handedBack = 0;
        int layers = 40_000;
        for (int k = 0; k < layers; k++) {
            int n = 1 + r.nextInt(33);
            float[] z = new float[n];
            for (int i = 0; i < n; i++) {
                z[i] = k % 2 == 0 ? (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-4, 2)))
                        : Float.intBitsToFloat(r.nextInt());
            }
            float[] out = z.clone();
            if (FloatTanh.applyInPlace(out, n, work)) {
                for (int i = 0; i < n; i++) {
                    assertThat(Float.floatToRawIntBits(out[i])).as("tanh(%s)", z[i])
                            .isEqualTo(Float.floatToRawIntBits((float) Math.tanh(z[i])));
                }
            } else {
                handedBack++;
            }
        }
        // a NaN in the arbitrary floats, or a value within 2^-40 of a rounding boundary (~1 in 30 000)
        assertThat(handedBack).isBetween(1, layers / 20);
    }

    @Test
    void aNaNOrABoundaryIsHandedBack() {
        float[] z = {0.5f, Float.NaN, -2f};
        assertThat(FloatTanh.applyInPlace(z, 3, new double[3])).isFalse();
        float[] finite = {0.5f, Float.POSITIVE_INFINITY, -2f, 0f, -0f, 1e-40f};
        float[] out = finite.clone();
        assertThat(FloatTanh.applyInPlace(out, out.length, new double[out.length])).isTrue();
        for (int i = 0; i < out.length; i++) {
            assertThat(Float.floatToRawIntBits(out[i])).isEqualTo(Float.floatToRawIntBits((float) Math.tanh(finite[i])));
        }
    }

    /** The double itself: within 1e-14 relative of {@code Math.tanh} (itself within 5.6e-16 of the exact value). */
    @Test
    void theDoubleIsWithinItsStatedError() {
        int top = Float.floatToRawIntBits(FloatTanh.CLAMP);
        double worst = 0;
        for (int bits = Float.floatToRawIntBits(1e-30f); bits <= top; bits += 101) {
            float z = Float.intBitsToFloat(bits);
            double reference = Math.tanh(z);
            worst = Math.max(worst, Math.abs(FloatTanh.near(z) - reference) / reference);
            assertThat(FloatTanh.near(-z)).isEqualTo(-FloatTanh.near(z));
        }
        assertThat(worst).isLessThan(1e-14);
    }
}
